// Uses up a login challenge: it must exist, match what the page sends back, be unexpired,
// come from the origin it was issued to, and not have been used. The conditional update
// makes "used" stick even when two requests race with the same challenge.
import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { loginChallenges } from '../db/schema.ts';
import type { Deps } from '../types.ts';
import { hashChallenge } from './create-challenge.ts';

export async function consumeChallenge(deps: Pick<Deps, 'db'>, challengeId: string, challenge: string, origin: string | undefined): Promise<string> {
  const [row] = await deps.db.select().from(loginChallenges).where(eq(loginChallenges.id, challengeId));
  if (!row) fail('CHALLENGE_INVALID');
  const expected = Buffer.from(row.challengeHash, 'hex');
  const given = Buffer.from(hashChallenge(challenge), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) fail('CHALLENGE_INVALID');
  if (row.usedAt) fail('CHALLENGE_REPLAYED');
  if (row.expiresAt.getTime() < Date.now()) fail('CHALLENGE_INVALID', '登录请求已过期，请重新点击 CA 锁登录');
  if (row.origin !== origin) fail('CHALLENGE_INVALID', '登录请求来自其他网页，已拒绝，请重新点击 CA 锁登录');
  const used = await deps.db
    .update(loginChallenges)
    .set({ usedAt: new Date() })
    .where(and(eq(loginChallenges.id, challengeId), isNull(loginChallenges.usedAt)))
    .returning({ id: loginChallenges.id });
  if (used.length === 0) fail('CHALLENGE_REPLAYED');
  return row.origin;
}
