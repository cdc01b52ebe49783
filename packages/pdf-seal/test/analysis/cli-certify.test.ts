// `pdfseal sign --certify`, `pdfseal revisions` and the refusals DocMDP asks for, through the
// real command line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestPki, type TestPki } from '../support/pki.ts';
import { writePdf } from '../support/make-pdf.ts';
import { run } from '../support/run.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pdfseal.js');
let work: string;
let pki: TestPki;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pdfseal-certify-'));
  pki = await createTestPki(work);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const pdfseal = async (...args: string[]) => {
  const r = await run(process.execPath, [bin, ...args], { timeoutMs: 120_000 });
  return { code: r.exitCode, out: r.stdout.toString('utf8'), err: r.stderr };
};

test('--certify 1 certifies the first signature; a second one is refused with the reason', async () => {
  const base = join(work, 'base.pdf');
  writePdf(base, { pages: [{}] });
  const certified = join(work, 'certified.pdf');
  const key = ['--p12', pki.rsa.p12Path, '--pin', pki.rsa.p12Password];
  expect((await pdfseal('sign', base, '-o', certified, ...key, '--certify', '1')).code).toBe(0);

  const listed = await pdfseal('revisions', certified, '--json');
  expect(listed.code).toBe(0);
  const report = JSON.parse(listed.out) as { revisions: { signatures: { certification: number | null }[] }[] };
  expect(report.revisions.flatMap((r) => r.signatures.map((s) => s.certification))).toEqual([1]);
  expect((await pdfseal('verify', certified, '--trust', pki.rootPemPath)).code).toBe(0);

  const again = await pdfseal('sign', certified, '-o', join(work, 'again.pdf'), ...key);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/P=1/);

  expect((await pdfseal('sign', base, '-o', join(work, 'bad.pdf'), ...key, '--certify', '4')).code).toBe(2);
});
