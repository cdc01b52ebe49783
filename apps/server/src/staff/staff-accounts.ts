// 窗口人员 accounts and their own sessions (cookie hall_staff, apart from enterprise sessions):
// a login needs the password and a fresh TOTP code; a code is never accepted twice.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Db } from '../db/client.ts';
import { staffSessions, staffUsers } from '../db/schema.ts';
import type { Deps } from '../types.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** window: 受理…补正; approver: 办结; admin: 事项目录 (edits the catalogue). */
export type StaffRole = 'window' | 'approver' | 'admin';
export interface StaffActor {
  staffId: string;
  name: string;
  roles: StaffRole[];
}

const SESSION_IDLE_MS = 8 * 3600_000;
const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');

export async function createStaff(db: Db, input: { username: string; name: string; password: string; roles: StaffRole[] }) {
  if (input.password.length < 10) fail('VALIDATION_FAILED', '密码至少 10 位');
  const totpSecret = newTotpSecret();
  const [row] = await db
    .insert(staffUsers)
    .values({ username: input.username, name: input.name, passwordHash: await hashPassword(input.password), totpSecret, roles: input.roles })
    .returning({ id: staffUsers.id });
  return { id: row!.id, totpSecret, otpauth: otpauthUri(totpSecret, input.username) };
}

export async function logInStaff(deps: Pick<Deps, 'db' | 'audit'>, input: { username: string; password: string; code: string }) {
  const [user] = await deps.db.select().from(staffUsers).where(and(eq(staffUsers.username, input.username), isNull(staffUsers.disabledAt)));
  // The same answer whichever part was wrong, and scrypt runs even for an unknown name.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  const step = user ? matchTotp(user.totpSecret, input.code) : null;
  if (!user || !passwordOk || step === null) {
    await deps.audit({ action: 'staff.login_failed', details: { username: input.username } });
    fail('STAFF_LOGIN_FAILED');
  }
  // Claim the step atomically: a replayed code (same or older step) finds no row to update.
  const claimed = await deps.db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, user.id), sql`coalesce(${staffUsers.totpLastStep}, -1) < ${step}`))
    .returning({ id: staffUsers.id });
  if (claimed.length === 0) fail('STAFF_LOGIN_FAILED', '该动态口令已使用过，请等待下一个口令');
  const token = randomBytes(32).toString('base64url');
  await deps.db.insert(staffSessions).values({ tokenHash: tokenHash(token), staffId: user.id });
  await deps.audit({ action: 'staff.login', targetType: 'staff', targetId: user.id });
  return { token, staff: { id: user.id, name: user.name, username: user.username, roles: user.roles as StaffRole[] } };
}

export async function resolveStaff(db: Db, token: string | undefined): Promise<StaffActor> {
  if (!token) fail('UNAUTHENTICATED');
  const [row] = await db
    .select({ sessionId: staffSessions.id, staffId: staffUsers.id, name: staffUsers.name, roles: staffUsers.roles })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(and(eq(staffSessions.tokenHash, tokenHash(token)), gt(staffSessions.lastSeenAt, new Date(Date.now() - SESSION_IDLE_MS)), isNull(staffUsers.disabledAt)));
  if (!row) fail('SESSION_EXPIRED');
  await db.update(staffSessions).set({ lastSeenAt: sql`now()` }).where(eq(staffSessions.id, row.sessionId));
  return { staffId: row.staffId, name: row.name, roles: row.roles as StaffRole[] };
}

export async function logOutStaff(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash(token)));
}
