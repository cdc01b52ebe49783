// A real PostgreSQL for the integration tier: the one TEST_DATABASE_URL names, the
// machine's own on 127.0.0.1:5432, or a throwaway cluster started here and stopped after.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, postgresBinDir, run, has } from './bootstrap.mjs';

async function canConnect(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** @returns {Promise<{url: string, stop: () => void}>} */
export async function ensureTestPostgres() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop() {} };
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnect(local)) return { url: local, stop() {} };

  let bin = postgresBinDir();
  const isRoot = process.getuid?.() === 0;
  if (!bin && isRoot && has('apt-get')) {
    log('installing PostgreSQL for the integration tests');
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    bin = postgresBinDir();
  }
  if (!bin) throw new Error('No PostgreSQL available: set TEST_DATABASE_URL or install postgresql');

  // Debian's PostgreSQL refuses to run as root, so the cluster belongs to `postgres`.
  const dir = mkdtempSync(join(tmpdir(), 'hall-test-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = 54329;
  const as = (args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)]);
  const sh = (args) => {
    const [cmd, rest] = as(args);
    const r = spawnSync(cmd, rest, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  };
  log(`starting a throwaway PostgreSQL on port ${port}`);
  sh([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  sh([join(bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop() {
      const [cmd, rest] = as([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop']);
      spawnSync(cmd, rest, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
