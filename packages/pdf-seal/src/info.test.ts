import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { info, sign } from './index.ts';
import { makePdf } from './testing/make-pdf.ts';
import { testIdentity, type TestIdentity } from './testing/signers.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdfseal-info-'));
let id: TestIdentity;

beforeAll(async () => {
  id = await testIdentity('ECDSA-P256');
});

// A linearized file has two xref sections (the first-page one and the main one) but was
// written once: one revision, as pdfsig and Acrobat count; each incremental update adds one.
describe('info() counts revisions by incremental update', () => {
  it('corpus lin3.pdf (linearized, 30 pages): 1 revision; 2 after a signature, 3 after another', async () => {
    const lin = readFileSync('/work/shared/corpus/qpdf/lin3.pdf');
    const first = await info(lin);
    expect(first).toMatchObject({ revisions: 1, pages: { count: 30 } });
    const once = (await sign(lin, id.signer, {})) as Uint8Array;
    expect((await info(once)).revisions).toBe(2);
    const twice = (await sign(once, id.signer, {})) as Uint8Array;
    expect((await info(twice)).revisions).toBe(3);
  });

  it('a file qpdf linearized (xref streams): 1 revision', async () => {
    const plain = join(dir, 'plain.pdf');
    const linearized = join(dir, 'linearized.pdf');
    writeFileSync(plain, makePdf([{}, {}, {}]));
    execFileSync('qpdf', ['--linearize', '--object-streams=generate', plain, linearized]);
    expect((await info(linearized)).revisions).toBe(1);
    const signed = join(dir, 'linearized-signed.pdf');
    await sign(linearized, id.signer, {}, signed);
    expect((await info(signed)).revisions).toBe(2);
  });

  it('a plain file: 1 revision', async () => {
    expect((await info(makePdf())).revisions).toBe(1);
  });
});
