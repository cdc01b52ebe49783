// The key agent offered for download: a real .tar.gz from the system tar, listed with tar -tz.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';

const ORIGIN = 'http://hall.test';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_ORIGIN: ORIGIN });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/key-agent/download', () => {
  it('answers a gzip of the agent and its packages as sources, without node_modules or tests, with a one-line start', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/key-agent/download' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hall-key-agent\.tar\.gz"; filename\*=UTF-8''%E7%AD%BE/);
    const gz = res.rawPayload;
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);

    const listing = spawnSync('tar', ['-tz'], { input: gz, encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const names = listing.stdout.split('\n').filter(Boolean);
    for (const n of ['package.json', 'README.md', 'apps/key-agent/src/main.ts', 'apps/key-agent/bin/key-agent.js', 'apps/key-agent/package.json', 'packages/token/src/index.ts', 'packages/pki/src/index.ts', 'packages/shared/package.json']) {
      expect(names).toContain(`hall-key-agent/${n}`);
    }
    expect(names.filter((n) => n.includes('node_modules') || n.endsWith('.test.ts') || n.includes('/test/'))).toEqual([]);

    const readme = spawnSync('tar', ['-xzO', 'hall-key-agent/README.md'], { input: gz, encoding: 'utf8' }).stdout;
    expect(readme).toContain(`npm install && npx key-agent serve --port 9 --origin ${ORIGIN}`);
    const pkg = JSON.parse(spawnSync('tar', ['-xzO', 'hall-key-agent/package.json'], { input: gz, encoding: 'utf8' }).stdout);
    expect(pkg.workspaces).toEqual(['apps/key-agent', 'packages/token', 'packages/pki', 'packages/shared']);
    // no lock of its own: every package the agent needs is pinned to the hall's locked version
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { version: string }> };
    for (const name of ['pkcs11js', '@peculiar/x509', 'pkijs', 'tsx']) {
      expect(pkg.overrides[name], name).toBe(lock.packages[`node_modules/${name}`]!.version);
    }
    expect(Object.keys(pkg.overrides).some((n) => n.startsWith('@hall/') || n === 'fastify' || n === 'vitest')).toBe(false);
    expect(pkg.allowScripts).toEqual({ esbuild: true, pkcs11js: true });
    expect(gunzipSync(gz).length % 512).toBe(0);
  });
});
