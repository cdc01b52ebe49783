// A real app on a fresh database and a temp data dir, driven through app.inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import type { QueueTiming } from '../../src/jobs/job-queue.ts';
import type { App } from '../../src/types.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: App;
  config: Config;
  dataDir: string;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(env: Record<string, string> = {}, options: { queueTiming?: QueueTiming } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-server-test-'));
  const config = parseConfig({
    HALL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KEY_AGENT_URL: 'http://127.0.0.1:9', // nothing listens on the discard port
    WEB_DIST_DIR: join(dataDir, 'no-web-dist'),
    ...env,
  });
  const db = await openTestDatabase();
  const app = await buildApp(config, { database: db.database, queueTiming: options.queueTiming, logger: false });
  await app.ready();
  return {
    app,
    config,
    dataDir,
    db,
    async close() {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
