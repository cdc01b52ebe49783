// An invited enterprise seals with its own CA key: the key agent on its PC signs the digest the
// hall prepared for the invitation's file (the same two phases as 在线盖章).
import type { PublicConfig } from '@hall/shared/schemas/auth';
import type { PreparedSealing, PrepareSealingBody } from '@hall/shared/schemas/sealing';
import { ApiError, apiFetch } from '../../../lib/api.ts';

const base = (token: string) => `/api/invite/${encodeURIComponent(token)}`;

export const getConfig = () => apiFetch<PublicConfig>('/api/config');
export const contentUrl = (token: string) => `${base(token)}/content`;
export const preparePartySealing = (token: string, body: PrepareSealingBody) => apiFetch<PreparedSealing>(`${base(token)}/prepare`, { method: 'POST', body });
export const finishPartySealing = (token: string, operationId: string, signature: string) =>
  apiFetch<{ version: number }>(`${base(token)}/finish`, { method: 'POST', body: { operationId, signature } });

export interface AgentCertificate {
  id: string;
  subject: string;
  certificate: string;
}
export interface AgentSeal {
  id: string;
  name: string;
  image: string;
  widthMm: number;
}

/** The key agent's HTTP contract (apps/key-agent): certificates, seals, sign after the PIN. */
export async function agentCall<T>(agentUrl: string, path: string, body?: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${agentUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('TOKEN_ABSENT', '未检测到签章软件控件（key-agent），请先启动后再点击电子签章', 0);
  }
  const parsed = (await res.json().catch(() => ({}))) as { code?: ApiError['code']; message?: string };
  if (!res.ok) throw new ApiError(parsed.code ?? 'INTERNAL', parsed.message ?? '签章软件控件出错', res.status);
  return parsed as T;
}
