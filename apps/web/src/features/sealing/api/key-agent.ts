// The key agent on the user's PC (apps/key-agent; the manual's KGClientServer.exe): the sealing
// page asks it for the key's certificate and seals, and has it sign each digest after the PIN.
import { ApiError } from '../../../lib/api.ts';

export interface KeyCertificate {
  id: string;
  subject: string;
  serialNumber: string;
  notAfter: string;
  keyAlgorithm: string;
  /** DER, base64 */
  certificate: string;
}

export interface KeySeal {
  id: string;
  name: string;
  /** PNG, base64 */
  image: string;
  widthMm: number;
}

/** Nothing answers on the agent's address: it is not installed or not started. */
export class AgentNotRunningError extends Error {
  constructor() {
    super('未检测到签章软件控件（key-agent），请先启动后再点击电子签章');
    this.name = 'AgentNotRunningError';
  }
}

export class KeyAgent {
  constructor(readonly url: string) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, { ...init, mode: 'cors', credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new AgentNotRunningError();
    }
    const body = (await res.json().catch(() => ({}))) as { code?: ApiError['code']; message?: string; triesLeft?: number };
    if (!res.ok) {
      throw new ApiError(body.code ?? 'INTERNAL', body.message ?? '签章软件控件出错，请重新启动后再试', res.status, body.triesLeft === undefined ? {} : { triesLeft: body.triesLeft });
    }
    return body as T;
  }

  status() {
    return this.call<{ version: string; tokens: { label: string; present: boolean }[] }>('/v1/status');
  }

  certificates() {
    return this.call<KeyCertificate[]>('/v1/certificates');
  }

  seals(certificateId: string) {
    return this.call<KeySeal[]>(`/v1/seals?certificateId=${encodeURIComponent(certificateId)}`);
  }

  /** The key signs a SHA-256 digest (base64) after checking the PIN; the PIN is sent each time, never stored. */
  async sign(certificateId: string, pin: string, digest: string): Promise<string> {
    const r = await this.call<{ signature: string }>('/v1/sign', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ certificateId, pin, digest, digestAlgorithm: 'SHA-256' }),
    });
    return r.signature;
  }
}

/** A random digest to prove the PIN before anything is placed (the key counts wrong tries itself). */
export function probeDigest(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}
