// The demo's window-staff account (npm start): made once, kept across restarts with the same
// credentials, and able to log in to the console with its password and a fresh one-time code.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoStaff } from '../src/staff/demo-staff.ts';
import { totp } from '../src/staff/totp.ts';
import { api } from './applications-helpers.ts';
import { buildTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the demo window-staff account', () => {
  it('is made once, its credentials kept in the demo folder (owner-only), and logs in', async () => {
    const file = join(t.dataDir, 'demo', 'staff.json');
    const first = await ensureDemoStaff(t.app.db, file);
    const again = await ensureDemoStaff(t.app.db, file);
    expect(again).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const res = await api(t.app, null, 'POST', '/api/staff/login', { username: first.username, password: first.password, code: totp(first.totpSecret) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '演示窗口人员', roles: ['window', 'approver', 'admin'] });
  });

  it('gets new credentials when the file is lost, on the same account (its session rows keep pointing at it)', async () => {
    const file = join(t.dataDir, 'demo', 'staff.json');
    const before = await ensureDemoStaff(t.app.db, file);
    rmSync(file);
    const after = await ensureDemoStaff(t.app.db, file);
    expect(after.password).not.toBe(before.password);
    const res = await api(t.app, null, 'POST', '/api/staff/login', { username: after.username, password: after.password, code: totp(after.totpSecret) });
    expect(res.statusCode, res.body).toBe(200);
  });
});
