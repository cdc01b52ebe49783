// Who may talk to the agent. The agent unlocks a signing key for whoever reaches it, so:
// - Host must name this machine (127.0.0.1, localhost, [::1]): a DNS-rebinding page reaches
//   us under its own host name and is refused before anything else happens.
// - Origin must be one of the configured hall origins. A request with no Origin is refused
//   too unless allowNoOrigin: browsers send Origin on every cross-origin fetch/XHR and POST,
//   but not on <img>/<script> loads, so "no Origin" is not proof of a friendly caller.
//   (Local programs can forge any header; against them the PIN and the token's own retry
//   counter are the protection, not this check.)
// - CORS answers echo only an allowed origin, with Vary: Origin; preflights grant Chrome's
//   private-network access only to allowed origins.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface GuardOptions {
  origins: string[];
  allowNoOrigin: boolean;
}

export type GuardResult = { ok: true; origin?: string } | { ok: false; message: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function normaliseOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`origin must be http(s): ${origin}`);
  return u.origin;
}

export function hostIsLocal(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return !!m && LOCAL_HOSTS.has(m[1]!);
}

export function checkRequest(req: IncomingMessage, opts: GuardOptions): GuardResult {
  if (!hostIsLocal(req.headers.host)) return { ok: false, message: '只接受发往本机（127.0.0.1）的请求' };
  const origin = req.headers.origin;
  if (origin === undefined) {
    return opts.allowNoOrigin ? { ok: true } : { ok: false, message: '该网页无权访问 CA 锁' };
  }
  if (!opts.origins.includes(origin)) return { ok: false, message: '该网页无权访问 CA 锁' };
  return { ok: true, origin };
}

export function corsHeaders(res: ServerResponse, origin: string | undefined): void {
  res.setHeader('Vary', 'Origin');
  if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
}

export function preflightHeaders(req: IncomingMessage, res: ServerResponse, origin: string): void {
  corsHeaders(res, origin);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
}
