// The agent's HTTP surface (the contract the hall's pages use), built but not listening.
//   GET  /v1/status                 -> {version, tokens: [{label, manufacturer, present}]}
//   GET  /v1/certificates           -> [{id, subject, issuer, serialNumber, notBefore, notAfter, keyAlgorithm, certificate}]
//   GET  /v1/seals?certificateId=ID -> [{id, name, image, widthMm}]
//   POST /v1/sign {certificateId, pin, digest, digestAlgorithm} -> {signature, signatureAlgorithm}
//   GET  /health                    -> {ok: true} (liveness only; answers without Origin)
// Errors: 4xx {code, message (中文), triesLeft?}. Request bodies are never logged: they hold PINs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import '@hall/pki'; // loads reflect-metadata before @peculiar/x509
import * as x509 from '@peculiar/x509';
import { errorCatalogue } from '@hall/shared/errors';
import { TokenError, type Token, type TokenErrorCode } from '@hall/token';
import { checkRequest, corsHeaders, preflightHeaders, type GuardOptions } from './guard.ts';

export const AGENT_VERSION = '0.1.0';
const BODY_LIMIT = 16 * 1024;
const DEFAULT_SEAL_MM = 42;

export type AgentErrorCode = TokenErrorCode | 'ORIGIN_FORBIDDEN';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: AgentErrorCode | 'INTERNAL',
    message: string,
    readonly triesLeft?: number,
  ) {
    super(message);
  }
}

const badRequest = (message: string, status = 400) => new HttpError(status, 'BAD_REQUEST', message);

export interface AgentOptions extends GuardOptions {
  token: Token;
  /** One line per request, without bodies or query values. */
  log?: (line: string) => void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      reject(badRequest('请求内容必须是 JSON', 415));
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT) {
      reject(badRequest('请求内容过大', 413));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT && !failed) {
        failed = true;
        reject(badRequest('请求内容过大', 413));
      }
      if (!failed) chunks.push(c);
    });
    req.on('end', () => {
      if (failed) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(badRequest('请求内容不是有效的 JSON'));
      }
    });
    req.on('error', () => reject(badRequest('请求读取失败')));
  });
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface SignBody {
  certificateId: string;
  pin: string;
  digest: Uint8Array;
}

function parseSignBody(body: unknown): SignBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('请求格式不正确');
  const b = body as Record<string, unknown>;
  const allowed = new Set(['certificateId', 'pin', 'digest', 'digestAlgorithm']);
  if (Object.keys(b).some((k) => !allowed.has(k))) throw badRequest('请求中有不认识的字段');
  if (typeof b.certificateId !== 'string' || !/^[0-9a-fA-F]{2,128}$/.test(b.certificateId)) throw badRequest('证书 ID 不正确');
  if (typeof b.pin !== 'string' || b.pin.length < 1 || b.pin.length > 64) throw badRequest('请输入 PIN 码');
  if (b.digestAlgorithm !== 'SHA-256') throw badRequest('摘要算法必须是 SHA-256');
  if (typeof b.digest !== 'string' || !B64.test(b.digest)) throw badRequest('摘要必须是 Base64');
  const digest = new Uint8Array(Buffer.from(b.digest, 'base64'));
  if (digest.length !== 32) throw badRequest('SHA-256 摘要必须是 32 字节');
  return { certificateId: b.certificateId.toLowerCase(), pin: b.pin, digest };
}

function describeCertificate(c: { id: string; certificate: Uint8Array; keyAlgorithm: string }) {
  const x = new x509.X509Certificate(c.certificate);
  return {
    id: c.id,
    subject: x.subject,
    issuer: x.issuer,
    serialNumber: x.serialNumber,
    notBefore: x.notBefore.toISOString(),
    notAfter: x.notAfter.toISOString(),
    keyAlgorithm: c.keyAlgorithm,
    certificate: Buffer.from(c.certificate).toString('base64'),
  };
}

function fromTokenError(e: TokenError): HttpError {
  const status = errorCatalogue[e.code].status;
  return new HttpError(status, e.code, e.message, e.triesLeft);
}

async function route(req: IncomingMessage, url: URL, token: Token): Promise<unknown> {
  const path = url.pathname;
  if (path === '/v1/status' && req.method === 'GET') {
    return { version: AGENT_VERSION, tokens: await token.status() };
  }
  if (path === '/v1/certificates' && req.method === 'GET') {
    return (await token.certificates()).map(describeCertificate);
  }
  if (path === '/v1/seals' && req.method === 'GET') {
    const id = url.searchParams.get('certificateId');
    if (!id || !/^[0-9a-fA-F]{2,128}$/.test(id)) throw badRequest('缺少证书 ID');
    return (await token.seals(id)).map((s) => ({
      id: s.id,
      name: s.name,
      image: Buffer.from(s.png).toString('base64'),
      widthMm: s.widthMm ?? DEFAULT_SEAL_MM,
    }));
  }
  if (path === '/v1/sign' && req.method === 'POST') {
    const body = parseSignBody(await readJson(req));
    const cert = (await token.certificates()).find((c) => c.id === body.certificateId);
    if (!cert) throw badRequest('CA 锁中没有该证书', 404);
    const signature = await token.sign(cert.id, body.pin, body.digest, 'SHA-256');
    return {
      signature: Buffer.from(signature).toString('base64'),
      signatureAlgorithm: cert.keyAlgorithm === 'RSA' ? 'sha256WithRSAEncryption' : 'ecdsa-with-SHA256',
    };
  }
  if (['/v1/status', '/v1/certificates', '/v1/seals', '/v1/sign'].includes(path)) throw badRequest('不支持该操作', 405);
  throw badRequest('不支持的请求', 404);
}

export function createAgent(opts: AgentOptions): Server {
  const guard: GuardOptions = { origins: opts.origins, allowNoOrigin: opts.allowNoOrigin };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const done = (status: number, body: unknown) => {
      send(res, status, body);
      opts.log?.(`${req.method ?? '?'} ${url.pathname} ${status}`);
    };

    if (url.pathname === '/health' && req.method === 'GET') {
      done(200, { ok: true, version: AGENT_VERSION });
      return;
    }
    const verdict = checkRequest(req, guard);
    if (!verdict.ok) {
      res.setHeader('Vary', 'Origin');
      done(403, { code: 'ORIGIN_FORBIDDEN', message: verdict.message });
      req.resume();
      return;
    }
    if (req.method === 'OPTIONS') {
      if (!verdict.origin) {
        done(403, { code: 'ORIGIN_FORBIDDEN', message: '该网页无权访问 CA 锁' });
        return;
      }
      preflightHeaders(req, res, verdict.origin);
      res.writeHead(204, { 'Content-Length': '0' });
      res.end();
      opts.log?.(`OPTIONS ${url.pathname} 204`);
      return;
    }
    corsHeaders(res, verdict.origin);
    route(req, url, opts.token).then(
      (body) => done(200, body),
      (e: unknown) => {
        const err =
          e instanceof HttpError ? e : e instanceof TokenError ? fromTokenError(e) : new HttpError(500, 'INTERNAL', errorCatalogue.INTERNAL.message);
        if (err.status === 500) opts.log?.(`internal error: ${e instanceof Error ? e.message : String(e)}`);
        done(err.status, { code: err.code, message: err.message, ...(err.triesLeft !== undefined ? { triesLeft: err.triesLeft } : {}) });
      },
    );
  });
}
