// The pdfseal command line: exit codes 0 ok / 1 not ok / 2 unreadable, --json shapes, and no
// output file when the input cannot be signed. Runs bin/pdfseal.js (what `npx pdfseal` runs)
// in a child process.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSoftHsmToken, importP12IntoPkcs11 } from '@hall/token';
import { distinctSignatures, pdfsig } from './support/external.ts';
import { run } from './support/run.ts';
import { writePdf } from './support/make-pdf.ts';
import { redRoundSealPng } from './support/seal-image.ts';
import { useSigners } from './support/fixture.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'pdfseal.js');
const fx = useSigners('cli');
let base: string;
let sealPath: string;

beforeAll(async () => {
  base = join(fx.work, 'base.pdf');
  writePdf(base, { pages: [{}, {}, {}] });
  sealPath = join(fx.work, 'seal.png');
  writeFileSync(sealPath, redRoundSealPng());
});

async function pdfseal(args: string[], env?: NodeJS.ProcessEnv) {
  const r = await run(process.execPath, [bin, ...args], { env, timeoutMs: 120_000 });
  return { exitCode: r.exitCode, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

describe('pdfseal sign', () => {
  test('--p12 with seals on pages, a cross-page seal and text: exit 0, valid signature', async () => {
    const out = join(fx.work, 'cli-p12.pdf');
    const r = await pdfseal([
      'sign', base, '-o', out, '--p12', fx.signers.pki.ec.p12Path, '--pin', fx.signers.pki.ec.p12Password,
      '--seal', sealPath, '--seal-size', '40', '--place', '1-2@200,250', '--cross-page', '1-3@400',
      '--text', '1@300,700=2022年09月01日', '--reason', '同意', '--location', '景德镇',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const sigs = distinctSignatures(await pdfsig(out));
    expect(sigs).toHaveLength(1);
    expect(sigs[0].valid).toBe(true);
    expect(sigs[0].totalDocumentSigned).toBe(true);
  });

  test('--pkcs11 on a SoftHSM2 token: exit 0, valid signature', async () => {
    // the CLI signs with the token's only certificate (it has no option to pick one)
    const pin = '246810';
    const hsm = await createSoftHsmToken({ dir: join(fx.work, 'softhsm-cli'), label: 'CliKey', soPin: '13579135', pin });
    await importP12IntoPkcs11({ module: hsm.module, tokenLabel: hsm.label, env: hsm.env, pin, p12: fx.signers.pki.ec.p12Path, password: fx.signers.pki.ec.p12Password });
    const out = join(fx.work, 'cli-p11.pdf');
    const r = await pdfseal(['sign', base, '-o', out, '--pkcs11', hsm.module, '--token', hsm.label, '--pin', pin, '--seal', sealPath, '--place', '2@300,300'], { ...process.env, ...hsm.env });
    expect(r.exitCode, r.stderr).toBe(0);
    const sigs = distinctSignatures(await pdfsig(out));
    expect(sigs.map((s) => s.valid)).toEqual([true]);
    expect(sigs[0].signerName).toBe(fx.signers.pki.ec.unitName);
  });

  test('a token with two certificates: --cert picks one by ID or serial; without it the error lists them', async () => {
    const hsm = fx.signers.softhsm;
    const env = { ...process.env, ...hsm.env };
    const key = ['--pkcs11', hsm.module, '--token', hsm.label, '--pin', hsm.pin];
    const out = join(fx.work, 'cli-two-certs.pdf');
    const unpicked = await pdfseal(['sign', base, '-o', out, ...key], env);
    expect(unpicked.exitCode).toBe(2);
    expect(unpicked.stderr).toContain('请用 --cert 指定');
    for (const id of Object.values(hsm.ids)) expect(unpicked.stderr).toContain(id);
    expect(existsSync(out)).toBe(false);

    const unknown = await pdfseal(['sign', base, '-o', out, ...key, '--cert', 'abcdef'], env);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('没有 ID 或序列号为 abcdef');
    expect(existsSync(out)).toBe(false);

    const ecSerial = new X509Certificate(fx.signers.identity('ec').certificate).serialNumber;
    for (const [cert, signer] of [
      [hsm.ids.rsa, fx.signers.pki.rsa.unitName],
      [ecSerial, fx.signers.pki.ec.unitName],
    ]) {
      const r = await pdfseal(['sign', base, '-o', out, ...key, '--cert', cert], env);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(distinctSignatures(await pdfsig(out)).map((s) => [s.valid, s.signerName])).toEqual([[true, signer]]);
    }
  });

  test('wrong PIN: non-zero exit, no output file', async () => {
    const out = join(fx.work, 'cli-wrong-pin.pdf');
    const r = await pdfseal(['sign', base, '-o', out, '--p12', fx.signers.pki.rsa.p12Path, '--pin', 'not-the-password', '--seal', sealPath, '--place', '1@100,100']);
    expect(r.exitCode).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  test('unreadable input: exit 2, no output file', async () => {
    const bad = join(fx.work, 'garbage.pdf');
    writeFileSync(bad, Buffer.from('%PDF-1.7\nthis is not a PDF at all\n'));
    const out = join(fx.work, 'cli-garbage.pdf');
    const r = await pdfseal(['sign', bad, '-o', out, '--p12', fx.signers.pki.rsa.p12Path, '--pin', fx.signers.pki.rsa.p12Password]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('encrypted input: exit 2, no output file', async () => {
    const encrypted = join(fx.work, 'encrypted.pdf');
    const q = await run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', base, encrypted]);
    expect(q.exitCode).toBe(0);
    const out = join(fx.work, 'cli-encrypted.pdf');
    const r = await pdfseal(['sign', encrypted, '-o', out, '--p12', fx.signers.pki.rsa.p12Path, '--pin', fx.signers.pki.rsa.p12Password]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('pdfseal verify and info', () => {
  let signed: string;

  beforeAll(async () => {
    signed = join(fx.work, 'to-verify.pdf');
    const r = await pdfseal(['sign', base, '-o', signed, '--p12', fx.signers.pki.rsa.p12Path, '--pin', fx.signers.pki.rsa.p12Password, '--seal', sealPath, '--place', '1@200,200']);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  test('valid and trusted: exit 0, --json report', async () => {
    const r = await pdfseal(['verify', signed, '--trust', fx.signers.pki.rootPemPath, '--json']);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; signatures: Record<string, unknown>[] };
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ intact: true, coverage: 'entire-file', modificationsAfter: 'none', trusted: true, problems: [] });
    expect(Object.keys(report.signatures[0])).toEqual(
      expect.arrayContaining(['field', 'subFilter', 'signer', 'signedAt', 'intact', 'coverage', 'modificationsAfter', 'trusted', 'timestamp', 'problems']),
    );
  });

  test('human-readable output names the signer', async () => {
    const r = await pdfseal(['verify', signed, '--trust', fx.signers.pki.rootPemPath]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(fx.signers.pki.rsa.unitName);
  });

  test('one byte changed inside the signed range: exit 1', async () => {
    const bytes = readFileSync(signed);
    const tampered = join(fx.work, 'tampered.pdf');
    const at = bytes.indexOf('Page 1 of 3');
    expect(at).toBeGreaterThan(0);
    bytes[at + 5] = '9'.charCodeAt(0);
    writeFileSync(tampered, bytes);
    const r = await pdfseal(['verify', tampered, '--trust', fx.signers.pki.rootPemPath, '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; signatures: { intact: boolean }[] };
    expect(report.ok).toBe(false);
    expect(report.signatures[0].intact).toBe(false);
  });

  test('no signature: exit 1', async () => {
    const r = await pdfseal(['verify', base, '--json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, signatures: [] });
  });

  test('unreadable file: exit 2', async () => {
    const missing = join(fx.work, 'does-not-exist.pdf');
    expect((await pdfseal(['verify', missing])).exitCode).toBe(2);
    const bad = join(fx.work, 'garbage-verify.pdf');
    writeFileSync(bad, Buffer.alloc(2000, 0x41));
    expect((await pdfseal(['verify', bad, '--json'])).exitCode).toBe(2);
  });

  test('info --json: pages as displayed, revisions, signatures', async () => {
    const r = await pdfseal(['info', signed, '--json']);
    expect(r.exitCode).toBe(0);
    const i = JSON.parse(r.stdout) as { pages: { count: number; sizes: { width: number; height: number; rotation: number }[] }; revisions: number; signatures: unknown[]; encrypted: boolean };
    expect(i.pages.count).toBe(3);
    expect(i.pages.sizes[0]).toMatchObject({ width: 595, height: 842, rotation: 0 });
    expect(i.revisions).toBe(2);
    expect(i.signatures).toHaveLength(1);
    expect(i.encrypted).toBe(false);
  });

  test('info on an unreadable file: exit 2', async () => {
    const bad = join(fx.work, 'garbage-info.pdf');
    writeFileSync(bad, Buffer.from('not a pdf'));
    expect((await pdfseal(['info', bad])).exitCode).toBe(2);
  });
});
