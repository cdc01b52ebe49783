// Test glue from node: an enterprise's API with its seeded session (to prepare drive files and
// applications quickly), window-staff accounts written into a hall's database before it starts,
// and their login to the console as a person types it.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase } from '@hall/server/db/client';
import { createStaff, type StaffRole } from '@hall/server/staff/staff-accounts';
import { totp } from '@hall/server/staff/totp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test glue over JSON answers
export type Call = (method: string, path: string, body?: unknown) => Promise<any>;

/** Calls `hallUrl` as the unit whose session cookie is `token`; JSON or FormData bodies; throws on non-2xx. */
export function enterpriseApi(hallUrl: () => string, token: () => string): Call {
  return async (method, path, body) => {
    const headers: Record<string, string> = { cookie: `hall_session=${token()}; hall_csrf=e2e`, 'x-csrf-token': 'e2e' };
    if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const res = await fetch(`${hallUrl()}${path}`, { method, headers, body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
}

/** Makes a staff account in the (not yet started) hall's PGlite under `dataDir`; returns its TOTP secret. */
export async function seedStaff(dataDir: string, account: { username: string; name: string; password: string; roles: StaffRole[] }): Promise<string> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    return (await createStaff(database.db, account)).totpSecret;
  } finally {
    await database.close();
  }
}

/** 窗口人员登录 at `${hallUrl}/staff`: 用户名, 密码 and the current 动态口令 from the account's TOTP secret. */
export async function staffLogIn(page: Page, hallUrl: string, account: { username: string; password: string; totpSecret: string }): Promise<void> {
  await page.goto(`${hallUrl}/staff`);
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByLabel('动态口令').fill(totp(account.totpSecret));
  await page.getByRole('button', { name: '登录' }).click();
}
