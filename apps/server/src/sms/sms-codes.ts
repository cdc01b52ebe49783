// SMS verification codes: six digits, stored hashed, bound to one signing link, a few minutes
// long, a few tries each. Limits per number and per client address keep the hall from being
// used to flood a phone or to guess codes.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Deps } from '../types.ts';
import { smsCodes } from '../db/schema.ts';
import type { SmsProvider } from './sms-provider.ts';
import { renderSms } from './templates.ts';
import { sendSms } from './send-sms.ts';

export const CODE_TTL_MINUTES = 5;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_LIMITS = {
  /** one code per number per minute */
  perPhoneGapMs: 60_000,
  perPhonePerHour: 5,
  perIpPerHour: 20,
};

const hash = (code: string) => createHash('sha256').update(code).digest('hex');

export async function issueCode(
  deps: Pick<Deps, 'db' | 'log' | 'config'>,
  provider: SmsProvider,
  input: { phone: string; subjectId: string; ip: string },
  now = new Date(),
): Promise<{ expiresAt: Date }> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const [latest] = await deps.db.select({ createdAt: smsCodes.createdAt }).from(smsCodes).where(eq(smsCodes.phone, input.phone)).orderBy(desc(smsCodes.createdAt)).limit(1);
  if (latest && now.getTime() - latest.createdAt.getTime() < CODE_LIMITS.perPhoneGapMs) {
    fail('SMS_RATE_LIMITED', '验证码已发送，请 1 分钟后再获取', { retryAfterSeconds: Math.ceil((CODE_LIMITS.perPhoneGapMs - (now.getTime() - latest.createdAt.getTime())) / 1000) });
  }
  const [{ n: perPhone }] = await deps.db.select({ n: count() }).from(smsCodes).where(and(eq(smsCodes.phone, input.phone), gt(smsCodes.createdAt, hourAgo)));
  if (perPhone! >= CODE_LIMITS.perPhonePerHour) fail('SMS_RATE_LIMITED', '该手机号码获取验证码次数过多，请 1 小时后再试');
  const [{ n: perIp }] = await deps.db.select({ n: count() }).from(smsCodes).where(and(eq(smsCodes.ip, input.ip), gt(smsCodes.createdAt, hourAgo)));
  if (perIp! >= CODE_LIMITS.perIpPerHour) fail('SMS_RATE_LIMITED');

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
  // A new code replaces the link's earlier ones.
  await deps.db.update(smsCodes).set({ usedAt: now }).where(and(eq(smsCodes.subjectId, input.subjectId), isNull(smsCodes.usedAt)));
  await deps.db.insert(smsCodes).values({ phone: input.phone, subjectId: input.subjectId, codeHash: hash(code), ip: input.ip, expiresAt, createdAt: now });
  await sendSms(deps, provider, renderSms(deps.config.smsSignName, input.phone, 'verification-code', { code, minutes: String(CODE_TTL_MINUTES) }));
  return { expiresAt };
}

/** Spends the link's live code when it matches; wrong tries count, and the last one kills the code. */
export async function checkCode(deps: Pick<Deps, 'db'>, input: { subjectId: string; phone: string; code: string }, now = new Date()): Promise<void> {
  const [row] = await deps.db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.subjectId, input.subjectId), eq(smsCodes.phone, input.phone), isNull(smsCodes.usedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!row || row.expiresAt <= now || row.attempts >= CODE_MAX_ATTEMPTS) fail('SMS_CODE_EXPIRED');
  const given = Buffer.from(hash(input.code.trim()));
  if (!timingSafeEqual(given, Buffer.from(row.codeHash))) {
    const attempts = row.attempts + 1;
    await deps.db.update(smsCodes).set({ attempts, ...(attempts >= CODE_MAX_ATTEMPTS ? { usedAt: now } : {}) }).where(eq(smsCodes.id, row.id));
    if (attempts >= CODE_MAX_ATTEMPTS) fail('SMS_CODE_EXPIRED', '验证码错误次数过多，请重新获取验证码');
    fail('SMS_CODE_INVALID', `短信验证码错误，还可尝试 ${CODE_MAX_ATTEMPTS - attempts} 次`, { triesLeft: CODE_MAX_ATTEMPTS - attempts });
  }
  const spent = await deps.db.update(smsCodes).set({ usedAt: now }).where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt))).returning({ id: smsCodes.id });
  if (!spent.length) fail('SMS_CODE_EXPIRED');
}
