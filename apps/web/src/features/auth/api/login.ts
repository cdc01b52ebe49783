// CA-key login, as DESIGN.md "CA-key login" lays it out: a one-time challenge from the server,
// the key agent signs its digest after the PIN, the server checks signature, chain and unit.
import type { Challenge, LoginResult, ProfileBody } from '@hall/shared/schemas/auth';
import type { Enterprise } from '@hall/shared/schemas/session';
import { apiFetch } from '../../../lib/api.ts';
import { agentSign, type AgentCertificate } from './key-agent.ts';

export type { LoginResult, ProfileBody };

export async function loginWithKey(agentUrl: string, certificate: AgentCertificate, pin: string): Promise<LoginResult> {
  const challenge = await apiFetch<Challenge>('/api/auth/challenge', { method: 'POST', body: {} });
  const signed = await agentSign(agentUrl, certificate.id, pin, challenge.digest);
  return apiFetch<LoginResult>('/api/auth/login', {
    method: 'POST',
    body: {
      challengeId: challenge.challengeId,
      challenge: challenge.challenge,
      certificate: certificate.certificate,
      signature: signed.signature,
      signatureAlgorithm: signed.signatureAlgorithm,
    },
  });
}

export function saveProfile(profile: ProfileBody): Promise<Enterprise> {
  return apiFetch<Enterprise>('/api/enterprise/profile', { method: 'PUT', body: profile });
}
