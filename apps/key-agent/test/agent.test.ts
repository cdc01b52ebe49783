// The agent's HTTP contract against real back ends: SoftHSM2 through PKCS#11 and PKCS#12
// files, RSA and ECDSA keys, made by demoSetup in a temp dir.
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate, createHash, verify } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSoftHsmToken,
  importP12IntoPkcs11,
  lockSoftHsmUserPin,
  markSoftHsmFinalTry,
  openP12Token,
  openPkcs11Token,
  type Token,
} from '@hall/token';
import { createAgent } from '../src/agent.ts';
import { demoSetup, type Demo } from '../src/demo-setup.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const dir = mkdtempSync(join(tmpdir(), 'key-agent-test-'));
let demo: Demo;
const servers: Server[] = [];

beforeAll(async () => {
  demo = await demoSetup({ dir: join(dir, 'demo') });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of the contract
}

async function agent(token: Token, opts: { allowNoOrigin?: boolean } = {}): Promise<number> {
  const server = createAgent({ token, origins: [ORIGIN], allowNoOrigin: opts.allowNoOrigin ?? false });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function call(
  port: number,
  method: string,
  path: string,
  opts: { origin?: string | null; host?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers };
  if (opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN;
  if (opts.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function signBody(certificateId: string, pin: string, data: Buffer, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    certificateId,
    pin,
    digest: createHash('sha256').update(data).digest('base64'),
    digestAlgorithm: 'SHA-256',
    ...extra,
  });
}

describe('key agent HTTP contract', () => {
  const backends = [
    { name: 'PKCS#11 RSA', enterprise: 0, open: (d: Demo) => openPkcs11Token({ module: d.softhsm.module, env: d.softhsm.env, tokenLabel: d.enterprises[0]!.tokenLabel }) },
    { name: 'PKCS#11 ECDSA', enterprise: 1, open: (d: Demo) => openPkcs11Token({ module: d.softhsm.module, env: d.softhsm.env, tokenLabel: d.enterprises[1]!.tokenLabel }) },
    { name: 'PKCS#12 RSA', enterprise: 0, open: (d: Demo) => openP12Token({ file: d.enterprises[0]!.p12, password: d.pin }) },
    { name: 'PKCS#12 ECDSA', enterprise: 1, open: (d: Demo) => openP12Token({ file: d.enterprises[1]!.p12, password: d.pin }) },
  ];

  for (const b of backends) {
    describe(b.name, () => {
      let port: number;
      beforeAll(async () => {
        port = await agent(b.open(demo));
      });

      it('reports status, certificates and seals', async () => {
        const e = demo.enterprises[b.enterprise]!;
        const status = await call(port, 'GET', '/v1/status');
        expect(status.status).toBe(200);
        expect(status.body.version).toBe('0.1.0');
        expect(status.body.tokens).toHaveLength(1);
        expect(status.body.tokens[0]).toMatchObject({ present: true });
        expect(status.headers['access-control-allow-origin']).toBe(ORIGIN);
        expect(status.headers.vary).toBe('Origin');

        const certs = await call(port, 'GET', '/v1/certificates');
        expect(certs.status).toBe(200);
        expect(certs.body).toHaveLength(1);
        const c = certs.body[0];
        expect(c.id).toBe(e.certificateId);
        expect(c.keyAlgorithm).toBe(e.keyAlgorithm);
        expect(c.subject).toContain(e.unitName);
        expect(c.serialNumber).toBe(e.serialNumber);
        expect(new Date(c.notAfter).getTime()).toBeGreaterThan(Date.now());
        const der = Buffer.from(c.certificate, 'base64');
        expect(new X509Certificate(der).subject).toContain(`CN=${e.unitName}`);

        const seals = await call(port, 'GET', `/v1/seals?certificateId=${c.id}`);
        expect(seals.status).toBe(200);
        expect(seals.body.map((s: { name: string; widthMm: number }) => [s.name, s.widthMm]).sort()).toEqual([
          ['公章', 42],
          ['法人章', 20],
        ].sort());
        const official = seals.body.find((s: { name: string }) => s.name === '公章');
        expect(Buffer.from(official.image, 'base64').equals(readFileSync(e.seals[0]!.png))).toBe(true);
      });

      it('signs a digest that verifies against the certificate', async () => {
        const e = demo.enterprises[b.enterprise]!;
        const data = Buffer.from(`登录挑战 ${b.name} ${Date.now()}`);
        const r = await call(port, 'POST', '/v1/sign', { body: signBody(e.certificateId, demo.pin, data) });
        expect(r.status).toBe(200);
        expect(r.body.signatureAlgorithm).toBe(e.keyAlgorithm === 'RSA' ? 'sha256WithRSAEncryption' : 'ecdsa-with-SHA256');
        const cert = new X509Certificate(readFileSync(e.certificatePem));
        expect(verify('sha256', data, cert.publicKey, Buffer.from(r.body.signature, 'base64'))).toBe(true);
      });

      it('answers a wrong PIN with PIN_INCORRECT in Chinese and no invented try count', async () => {
        const e = demo.enterprises[b.enterprise]!;
        const r = await call(port, 'POST', '/v1/sign', { body: signBody(e.certificateId, '000000', Buffer.from('x')) });
        expect(r.status).toBe(401);
        expect(r.body).toEqual({ code: 'PIN_INCORRECT', message: 'PIN 码错误' });
      });
    });
  }

  describe('PIN states and absent tokens (own SoftHSM2 tokens)', () => {
    it('says the last try, then PIN_LOCKED once the token reports its PIN locked', async () => {
      const t = await createSoftHsmToken({ dir: join(dir, 'lock'), label: 'lock', soPin: '12345678', pin: demo.pin });
      const id = await importP12IntoPkcs11({ module: t.module, env: t.env, tokenLabel: 'lock', pin: demo.pin, p12: demo.enterprises[0]!.p12, password: demo.pin });
      const port = await agent(openPkcs11Token({ module: t.module, env: t.env, tokenLabel: 'lock' }));
      markSoftHsmFinalTry(t.tokenDir, 'lock');
      const last = await call(port, 'POST', '/v1/sign', { body: signBody(id, '000000', Buffer.from('x')) });
      expect(last.status).toBe(401);
      expect(last.body).toMatchObject({ code: 'PIN_INCORRECT', triesLeft: 1 });
      expect(last.body.message).toContain('还剩 1 次');
      lockSoftHsmUserPin(t.tokenDir, 'lock');
      const locked = await call(port, 'POST', '/v1/sign', { body: signBody(id, demo.pin, Buffer.from('x')) });
      expect(locked.status).toBe(423);
      expect(locked.body).toEqual({ code: 'PIN_LOCKED', message: 'CA 锁已锁定，请联系 CA 机构解锁' });
    });

    it('answers TOKEN_ABSENT when the key is pulled out or the driver is missing', async () => {
      const copy = join(dir, 'pulled');
      cpSync(join(demo.dir, 'softhsm'), copy, { recursive: true });
      const conf = join(copy, 'softhsm2.conf');
      writeFileSync(conf, readFileSync(demo.softhsm.conf, 'utf8').replace(demo.softhsm.tokenDir, join(copy, 'tokens')));
      const e = demo.enterprises[0]!;
      const port = await agent(openPkcs11Token({ module: demo.softhsm.module, env: { SOFTHSM2_CONF: conf }, tokenLabel: e.tokenLabel }));
      expect((await call(port, 'GET', '/v1/certificates')).body).toHaveLength(1);
      rmSync(join(copy, 'tokens'), { recursive: true, force: true });
      const certs = await call(port, 'GET', '/v1/certificates');
      expect(certs.status).toBe(404);
      expect(certs.body).toEqual({ code: 'TOKEN_ABSENT', message: '未检测到 CA 锁，请插入 CA 锁' });
      const sign = await call(port, 'POST', '/v1/sign', { body: signBody(e.certificateId, demo.pin, Buffer.from('x')) });
      expect(sign.body.code).toBe('TOKEN_ABSENT');
      expect((await call(port, 'GET', '/v1/status')).body.tokens).toEqual([{ label: e.tokenLabel, manufacturer: '', present: false }]);

      const noDriver = await agent(openPkcs11Token({ module: join(dir, 'no-driver.so') }));
      const r = await call(noDriver, 'GET', '/v1/certificates');
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('TOKEN_ABSENT');
      expect(r.body.message).toContain('驱动');
    });
  });

  describe('who may call', () => {
    let port: number;
    let open: number;
    beforeAll(async () => {
      port = await agent(openP12Token({ file: demo.enterprises[0]!.p12, password: demo.pin }));
      open = await agent(openP12Token({ file: demo.enterprises[0]!.p12, password: demo.pin }), { allowNoOrigin: true });
    });

    it('refuses a foreign origin with 403 ORIGIN_FORBIDDEN and no CORS grant', async () => {
      for (const [method, path] of [
        ['GET', '/v1/certificates'],
        ['POST', '/v1/sign'],
      ] as const) {
        const r = await call(port, method, path, { origin: 'https://evil.example', body: method === 'POST' ? '{}' : undefined });
        expect(r.status).toBe(403);
        expect(r.body).toEqual({ code: 'ORIGIN_FORBIDDEN', message: '该网页无权访问 CA 锁' });
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
        expect(r.headers.vary).toBe('Origin');
      }
      // a look-alike origin is not the configured one
      expect((await call(port, 'GET', '/v1/status', { origin: 'http://127.0.0.1:30000' })).status).toBe(403);
    });

    it('refuses requests without Origin unless --allow-no-origin', async () => {
      expect((await call(port, 'GET', '/v1/certificates', { origin: null })).body.code).toBe('ORIGIN_FORBIDDEN');
      const r = await call(open, 'GET', '/v1/certificates', { origin: null });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      // liveness needs no origin
      expect((await call(port, 'GET', '/health', { origin: null })).status).toBe(200);
    });

    it('answers the preflight, granting private-network access only to allowed origins', async () => {
      const pre = await call(port, 'OPTIONS', '/v1/sign', {
        headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type', 'Access-Control-Request-Private-Network': 'true' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(pre.headers['access-control-allow-private-network']).toBe('true');
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
      const plain = await call(port, 'OPTIONS', '/v1/sign', { headers: { 'Access-Control-Request-Method': 'POST' } });
      expect(plain.headers['access-control-allow-private-network']).toBeUndefined();
      const foreign = await call(port, 'OPTIONS', '/v1/sign', {
        origin: 'https://evil.example',
        headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.headers['access-control-allow-private-network']).toBeUndefined();
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a Host header that does not name this machine (DNS rebinding)', async () => {
      const r = await call(port, 'GET', '/v1/certificates', { host: `evil.example:${port}` });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('ORIGIN_FORBIDDEN');
      expect((await call(port, 'GET', '/v1/certificates', { host: `localhost:${port}` })).status).toBe(200);
      expect((await call(port, 'GET', '/v1/certificates', { host: `127.0.0.1.evil.example:${port}` })).status).toBe(403);
    });

    it('answers malformed requests with BAD_REQUEST', async () => {
      const id = demo.enterprises[0]!.certificateId;
      const cases: [number, Parameters<typeof call>[3]][] = [
        [400, { body: '{not json' }],
        [415, { body: signBody(id, '1', Buffer.from('x')), headers: { 'Content-Type': 'text/plain' } }],
        [413, { body: JSON.stringify({ pin: 'x'.repeat(20_000) }) }],
        [400, { body: JSON.stringify({ certificateId: id, pin: '111111', digest: Buffer.alloc(20).toString('base64'), digestAlgorithm: 'SHA-256' }) }],
        [400, { body: signBody(id, '111111', Buffer.from('x'), { digestAlgorithm: 'SHA-1' }) }],
        [400, { body: signBody(id, '111111', Buffer.from('x'), { extra: 1 }) }],
        [400, { body: signBody(id, '', Buffer.from('x')) }],
        [400, { body: '[]' }],
        [404, { body: signBody('abcdef', '111111', Buffer.from('x')) }],
      ];
      for (const [status, opts] of cases) {
        const r = await call(port, 'POST', '/v1/sign', opts);
        expect([r.status, r.body.code]).toEqual([status, 'BAD_REQUEST']);
        expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect((await call(port, 'GET', '/v1/seals')).body.code).toBe('BAD_REQUEST');
      expect((await call(port, 'GET', '/v1/nothing')).status).toBe(404);
      expect((await call(port, 'DELETE', '/v1/sign')).status).toBe(405);
    });
  });
});

describe('demoSetup and the CLI', () => {
  it('describes a consistent demo and does not redo it', async () => {
    expect(demo.enterprises.map((e) => e.keyAlgorithm).sort()).toEqual(['ECDSA-P256', 'RSA']);
    const again = await demoSetup({ dir: demo.dir });
    expect(again.createdAt).toBe(demo.createdAt);
    const { isValidCreditCode, isValidIdNumber } = await import('@hall/shared/identifiers');
    for (const e of demo.enterprises) expect(isValidCreditCode(e.creditCode)).toBe(true);
    for (const p of demo.persons) expect(isValidIdNumber(p.idNumber)).toBe(true);
    const { verifyChain, enterpriseFromCertificate, fromPem } = await import('@hall/pki');
    const anchors = demo.ca.trustAnchorPems.map((p) => fromPem(readFileSync(p, 'utf8')));
    const crls = demo.ca.crls.map((p) => new Uint8Array(readFileSync(p)));
    const issuing = fromPem(readFileSync(demo.ca.issuingPem, 'utf8'));
    const check = (pem: string) => verifyChain(fromPem(readFileSync(pem, 'utf8')), [issuing], anchors, new Date(), crls);
    for (const e of demo.enterprises) {
      expect(await check(e.certificatePem)).toMatchObject({ ok: true, revocation: 'good' });
      expect(enterpriseFromCertificate(fromPem(readFileSync(e.certificatePem, 'utf8')))).toEqual({ unitName: e.unitName, creditCode: e.creditCode });
    }
    expect((await check(demo.revoked.certificatePem)).code).toBe('CERT_REVOKED');
    expect((await check(demo.expired.certificatePem)).code).toBe('CERT_EXPIRED');
  });

  it('builds once when asked twice at the same time', async () => {
    const fresh = join(dir, 'fresh-demo');
    const [a, b] = await Promise.all([demoSetup({ dir: fresh }), demoSetup({ dir: fresh })]);
    expect(a.createdAt).toBe(b.createdAt);
    expect(a.enterprises[0]!.certificateId).toBe(b.enterprises[0]!.certificateId);
  });

  it('sets a token up through the CLI: init, import-p12, add-seal, list', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'key-agent.js');
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`key-agent ${args[0]} ${args[1]} exited ${r.status}: ${r.stderr}`);
      return r.stdout;
    };
    const tokDir = join(dir, 'cli-token');
    const init = JSON.parse(run('token', 'init', '--dir', tokDir, '--label', 'cli'));
    const common = ['--pkcs11', init.module, '--softhsm-conf', init.SOFTHSM2_CONF, '--token', 'cli'];
    const e = demo.enterprises[1]!;
    const { certificateId } = JSON.parse(run('token', 'import-p12', ...common, '--pin', '111111', '--p12', e.p12, '--p12-password', demo.pin));
    expect(certificateId).toBe(e.certificateId);
    const sealPng = join(dir, 'cli-seal.png');
    run('seal', '--official', e.unitName, '-o', sealPng);
    run('token', 'add-seal', ...common, '--pin', '111111', '--name', '公章', '--image', sealPng, '--certificate', certificateId, '--width-mm', '40');
    const list = JSON.parse(run('token', 'list', ...common));
    expect(list.tokens).toEqual([{ label: 'cli', manufacturer: 'SoftHSM project', present: true }]);
    expect(list.certificates).toEqual([{ id: certificateId, label: e.unitName, token: 'cli', keyAlgorithm: 'ECDSA-P256', seals: ['公章'] }]);
  });

  it('serves through the bin on 127.0.0.1', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'key-agent.js');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--origin', ORIGIN, '--p12', demo.enterprises[1]!.p12, '--p12-password', demo.pin], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`agent exited ${code}`)));
      });
      const r = await call(port, 'GET', '/v1/certificates');
      expect(r.body[0].id).toBe(demo.enterprises[1]!.certificateId);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
