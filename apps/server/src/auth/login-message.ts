// What the USB key signs for a login. The agent's /v1/sign takes a SHA-256 digest, so the page
// hands it SHA-256 of this message; the purpose tag and the origin inside keep a signature
// made here from being replayed as anything else (a sealing digest, another site's login).
import { createHash } from 'node:crypto';
import { LOGIN_PURPOSE } from '@hall/shared/schemas/auth';

export function loginMessage(origin: string, challenge: string): string {
  return `${LOGIN_PURPOSE}\n${origin}\n${challenge}`;
}

export function loginDigest(origin: string, challenge: string): Buffer {
  return createHash('sha256').update(loginMessage(origin, challenge), 'utf8').digest();
}
