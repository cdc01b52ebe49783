// With --demo: one window-staff account with every role, so the 窗口人员 console can be tried at
// once. Its password and TOTP secret are kept in <data>/demo/staff.json (the demo's own files,
// like the demo keys' PIN); `npm run staff-code` prints them with the current one-time code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffUsers } from '../db/schema.ts';
import { hashPassword } from './password.ts';
import { createStaff } from './staff-accounts.ts';
import { newTotpSecret } from './totp.ts';

export interface DemoStaff {
  username: string;
  name: string;
  password: string;
  totpSecret: string;
}

export const DEMO_STAFF_USERNAME = 'chuangkou';
const DEMO_STAFF_NAME = '演示窗口人员';

/** Makes the demo staff account unless it exists; returns its credentials (from the file). */
export async function ensureDemoStaff(db: Db, file: string): Promise<DemoStaff> {
  const [existing] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, DEMO_STAFF_USERNAME));
  if (existing && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoStaff;
  const password = `Demo-${randomBytes(6).toString('base64url')}`;
  let totpSecret: string;
  if (existing) {
    // the file was lost: new credentials for the same account (its sessions and audit keep pointing at it)
    totpSecret = newTotpSecret();
    await db.update(staffUsers).set({ passwordHash: await hashPassword(password), totpSecret, totpLastStep: null }).where(eq(staffUsers.id, existing.id));
  } else {
    totpSecret = (await createStaff(db, { username: DEMO_STAFF_USERNAME, name: DEMO_STAFF_NAME, password, roles: ['window', 'approver', 'admin'] })).totpSecret;
  }
  const staff: DemoStaff = { username: DEMO_STAFF_USERNAME, name: DEMO_STAFF_NAME, password, totpSecret };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(staff, null, 2)}\n`, { mode: 0o600 });
  return staff;
}
