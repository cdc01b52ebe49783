// The real hall for browser tests: apps/server started as its own process (as `npm start`
// does, minus the demo data), on a fresh embedded database in a temp folder, serving the
// built web app (scripts/web-build.mjs's ensureWebBuild runs first: see e2e/vitest.setup.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, startChild, waitForHttp, type Child } from './process.ts';

export interface Hall {
  /** e.g. http://127.0.0.1:41234 — what the browser opens */
  url: string;
  port: number;
  dataDir: string;
  child: Child;
  stop: () => Promise<void>;
}

export interface HallOptions {
  /** extra environment for the server (e.g. KEY_AGENT_URL) */
  env?: Record<string, string>;
  /** extra command-line arguments (e.g. --demo) */
  args?: string[];
  /** runs on the fresh data folder before the server opens it (see session.ts) */
  seed?: (dataDir: string) => Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

export async function startHall(options: HallOptions = {}): Promise<Hall> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hall-e2e-'));
  try {
    await options.seed?.(dataDir);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(
    ['--import', 'tsx', join(repoRoot, 'apps/server/src/main.ts'), ...(options.args ?? [])],
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: url,
      HALL_DATA_DIR: dataDir,
      WEB_DIST_DIR: join(repoRoot, 'apps/web/dist'),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    'hall',
  );
  try {
    // 503 means up but degraded (e.g. no converter): still up; tests assert on the body.
    await waitForHttp(child, `${url}/api/health`, [200, 503], START_TIMEOUT_MS, 'hall');
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    port,
    dataDir,
    child,
    stop: async () => {
      await child.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
