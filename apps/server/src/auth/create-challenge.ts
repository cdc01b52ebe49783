// A one-time login challenge: 32 random bytes, bound to the page's origin, short-lived,
// stored only as its SHA-256 (the page sends the challenge back with the signature).
import { createHash, randomBytes } from 'node:crypto';
import { lt } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { LOGIN_PURPOSE, type Challenge } from '@hall/shared/schemas/auth';
import { loginChallenges } from '../db/schema.ts';
import type { Deps } from '../types.ts';
import { loginDigest, loginMessage } from './login-message.ts';

// Challenges past their expiry are kept this long for the replay/expiry answers, then swept.
const KEEP_EXPIRED_MS = 60 * 60_000;

export function hashChallenge(challenge: string): string {
  return createHash('sha256').update(challenge, 'utf8').digest('hex');
}

/** Whether the page's origin may log in here (LOGIN_ORIGINS). */
export function checkLoginOrigin(deps: Pick<Deps, 'config'>, origin: string | undefined): string {
  if (!origin || !deps.config.loginOrigins.includes(origin)) fail('CHALLENGE_INVALID', '登录页面的来源不受信任，请从网上办事大厅的网址打开登录页面');
  return origin;
}

export async function createChallenge(deps: Pick<Deps, 'db' | 'config'>, origin: string | undefined): Promise<Challenge> {
  const boundOrigin = checkLoginOrigin(deps, origin);
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + deps.config.loginChallengeMs);
  await deps.db.delete(loginChallenges).where(lt(loginChallenges.expiresAt, new Date(Date.now() - KEEP_EXPIRED_MS)));
  const [row] = await deps.db
    .insert(loginChallenges)
    .values({ challengeHash: hashChallenge(challenge), origin: boundOrigin, expiresAt })
    .returning({ id: loginChallenges.id });
  return {
    challengeId: row!.id,
    challenge,
    origin: boundOrigin,
    purpose: LOGIN_PURPOSE,
    message: loginMessage(boundOrigin, challenge),
    digest: loginDigest(boundOrigin, challenge).toString('base64'),
    expiresAt: expiresAt.toISOString(),
  };
}
