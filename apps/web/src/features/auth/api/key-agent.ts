// The key agent on the user's PC (apps/key-agent, like the vendor's KGClientServer): the page
// talks to it directly on 127.0.0.1. It answers {code, message, triesLeft?} on refusals.
import { ApiError, isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/notify.ts';

export interface AgentCertificate {
  id: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: string;
  /** DER, base64 */
  certificate: string;
}

export interface AgentStatus {
  version: string;
  tokens: { label: string; manufacturer: string; present: boolean }[];
}

/** The agent did not answer at all: not installed or not started. */
export class AgentUnreachableError extends Error {
  constructor() {
    super('未检测到签章软件控件');
    this.name = 'AgentUnreachableError';
  }
}

async function call<T>(agentUrl: string, path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${agentUrl}${path}`, { ...init, mode: 'cors', credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new AgentUnreachableError();
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { code?: ApiError['code']; message?: string; triesLeft?: number };
    throw new ApiError(b.code ?? 'INTERNAL', b.message ?? '签章软件控件出错，请重新启动后再试', res.status, b.triesLeft === undefined ? {} : { triesLeft: b.triesLeft });
  }
  return body as T;
}

export const agentStatus = (agentUrl: string) => call<AgentStatus>(agentUrl, '/v1/status');

export const agentCertificates = (agentUrl: string) => call<AgentCertificate[]>(agentUrl, '/v1/certificates');

export function agentSign(agentUrl: string, certificateId: string, pin: string, digest: string) {
  return call<{ signature: string; signatureAlgorithm: 'sha256WithRSAEncryption' | 'ecdsa-with-SHA256' }>(agentUrl, '/v1/sign', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certificateId, pin, digest, digestAlgorithm: 'SHA-256' }),
  });
}

/** The certificate's CN (the unit's name on an enterprise key), for the PIN dialog. */
export function subjectName(subject: string): string {
  const cn = /(?:^|[,\n]\s*)CN=([^,\n]+)/.exec(subject);
  return cn ? cn[1]!.trim() : subject;
}

/** What the key said about a PIN, in the words a user acts on. */
export function pinErrorText(err: unknown): string {
  if (isApiError(err) && err.code === 'PIN_INCORRECT') {
    const triesLeft = err.details.triesLeft;
    return typeof triesLeft === 'number' ? `PIN 码错误，还可以尝试 ${triesLeft} 次` : 'PIN 码错误，请重新输入';
  }
  return errorText(err);
}
