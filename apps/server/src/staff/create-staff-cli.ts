// `node --import tsx apps/server/src/staff/create-staff-cli.ts <username> <姓名> <window,approver,admin>`
// with the password in STAFF_PASSWORD (never on the command line, where `ps` shows it):
// creates a window staff account and prints the TOTP secret and its otpauth:// URI once, for
// the person's authenticator app. Roles: window (受理、不予受理、补全、补正), approver (办结),
// admin (事项目录: matters and their material checklists).
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createStaff, type StaffRole } from './staff-accounts.ts';

const [username, name, rolesArg] = process.argv.slice(2);
const password = process.env.STAFF_PASSWORD ?? '';
const roles = (rolesArg ?? 'window').split(',').filter((r): r is StaffRole => r === 'window' || r === 'approver' || r === 'admin');
if (!username || !name || roles.length === 0 || !password) {
  console.error('usage: STAFF_PASSWORD=… create-staff-cli.ts <username> <姓名> <window,approver,admin>');
  process.exit(2);
}

const config = parseConfig();
const database = await openDatabase(
  config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
);
try {
  const created = await createStaff(database.db, { username, name, password, roles });
  console.log(`staff ${username} created (${roles.join(', ')})`);
  console.log(`TOTP secret: ${created.totpSecret}`);
  console.log(created.otpauth);
} finally {
  await database.close();
}
