import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify, info } from '../index.ts';
import { testIdentity, type TestIdentity } from '../testing/signers.ts';
import { makePdf } from '../testing/make-pdf.ts';
import { PdfReader } from './reader.ts';
import { openSource } from './source.ts';

// qpdf's test file: object 2's xref offset reads "000x000063". Read from memory this once sent
// the window-growing retry round forever (an offset of NaN reads nothing, and nothing is never
// the end of the file); from a path the read threw instead.
const BAD5 = '/work/shared/corpus/qpdf/bad5.pdf';
const dir = mkdtempSync(join(tmpdir(), 'pdfseal-reader-'));
let id: TestIdentity;

beforeAll(async () => {
  id = await testIdentity('ECDSA-P256');
});

/** A clean file whose xref offset of object `num` is replaced by a non-number of the same width. */
function withBadXrefOffset(num: number): Uint8Array {
  const text = Buffer.from(makePdf([{}])).toString('latin1');
  const xref = text.lastIndexOf('\nxref\n');
  const lines = text.slice(xref + 1).split('\n');
  // lines[0] = "xref", lines[1] = "0 N", lines[2 + k] = entry of object k
  lines[2 + num] = '000x' + lines[2 + num].slice(4);
  return Buffer.from(text.slice(0, xref + 1) + lines.join('\n'), 'latin1');
}

describe('damaged xref offsets end in a rebuilt xref, never a loop', () => {
  for (const from of ['bytes', 'path'] as const) {
    it(`signs corpus bad5.pdf from ${from}`, { timeout: 20_000 }, async () => {
      const input = from === 'bytes' ? readFileSync(BAD5) : BAD5;
      expect((await info(input)).pages.count).toBe(1);
      const out = join(dir, `bad5-${from}.pdf`);
      await sign(input, id.signer, { reason: '损坏的交叉引用' }, out);
      const report = await verify(readFileSync(out), { trustAnchors: [id.root] });
      expect(report.signatures).toHaveLength(1);
      expect(report.signatures[0]).toMatchObject({ intact: true, coverage: 'entire-file', trusted: true });
    });
  }

  it('a non-numeric offset in a generated file makes the reader rebuild the xref', { timeout: 20_000 }, async () => {
    const bad = withBadXrefOffset(2);
    const reader = new PdfReader(openSource(bad));
    expect(reader.reconstructed).toBe(true);
    expect(reader.pages()).toHaveLength(1);
    const path = join(dir, 'bad-offset.pdf');
    writeFileSync(path, bad);
    const signed = (await sign(bad, id.signer, {})) as Uint8Array;
    expect((await verify(signed)).signatures[0]).toMatchObject({ intact: true, coverage: 'entire-file' });
    expect((await info(path)).pages.count).toBe(1);
  });
});
