// `node --import tsx apps/server/src/cli/audit-check.ts`: walks the audit chain of the
// database the settings name and reports the first broken link (exit 1), or OK.
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { checkAuditChain } from '../audit/audit-log.ts';

const config = parseConfig();
const database = await openDatabase(
  config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
);
try {
  const report = await checkAuditChain(database.db);
  if (report.ok) {
    console.log(`audit chain OK: ${report.rows} rows`);
  } else {
    console.log(`audit chain BROKEN at seq ${report.brokenAt!.seq} (${report.brokenAt!.reason}); ${report.rows} rows before it are intact`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
