import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, prepare, finish, verify, info, PdfSealError } from '../index.ts';
import { testIdentity, type TestIdentity } from '../testing/signers.ts';
import { makePdf } from '../testing/make-pdf.ts';
import { pdfsig, qpdfAccepts } from '../testing/tools.ts';
import { PdfReader } from '../pdf/reader.ts';
import { openSource } from '../pdf/source.ts';
import { PdfDict, PdfRef } from '../pdf/objects.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdfseal-sign-'));
let rsa: TestIdentity;
let ec: TestIdentity;

beforeAll(async () => {
  rsa = await testIdentity('RSA');
  ec = await testIdentity('ECDSA-P256');
});

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('invisible PAdES signature by incremental update', () => {
  for (const [label, xrefStream] of [
    ['classic xref table', false],
    ['xref stream', true],
  ] as const) {
    for (const alg of ['RSA', 'ECDSA-P256'] as const) {
      it(`${alg}, ${label}: original bytes kept, pdfsig valid, qpdf clean, verify ok`, async () => {
        const id = alg === 'RSA' ? rsa : ec;
        const original = makePdf([{}, {}], { xrefStream });
        const input = file(`in-${alg}-${xrefStream}.pdf`, original);
        const output = join(dir, `out-${alg}-${xrefStream}.pdf`);
        await sign(input, id.signer, { reason: '同意', location: '景德镇' }, output);
        const signed = readFileSync(output);
        expect(Buffer.compare(signed.subarray(0, original.length), Buffer.from(original))).toBe(0);
        const tail = signed.subarray(original.length).toString('latin1');
        // the update keeps the file's own cross-reference style
        expect(/\nxref\n/.test(tail)).toBe(!xrefStream);
        expect(tail.includes('/Type /XRef')).toBe(xrefStream);
        expect(qpdfAccepts(output)).toBe(true);
        const sigs = pdfsig(output);
        expect(sigs).toHaveLength(1);
        expect(sigs[0]).toMatchObject({ valid: true, total: true });
        const report = await verify(output, { trustAnchors: [id.root] });
        expect(report.ok).toBe(true);
        expect(report.signatures[0]).toMatchObject({ intact: true, coverage: 'entire-file', modificationsAfter: 'none', trusted: true, subFilter: 'ETSI.CAdES.detached' });
      });
    }
  }

  it('a second signature keeps the first valid; verify reports both', async () => {
    const first = (await sign(makePdf(), rsa.signer, {})) as Uint8Array;
    const second = (await sign(first, ec.signer, {})) as Uint8Array;
    const out = file('twice.pdf', second);
    const sigs = pdfsig(out);
    expect(sigs.map((s) => s.valid)).toEqual([true, true]);
    expect(sigs.map((s) => s.total)).toEqual([false, true]);
    const report = await verify(out);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.field)).toEqual(['Signature1', 'Signature2']);
    expect(report.signatures.map((s) => s.coverage)).toEqual(['entire-revision', 'entire-file']);
    expect(report.signatures[0].modificationsAfter).toBe('allowed');
    expect((await info(out)).revisions).toBe(3);
  });

  it('untrusted when the anchors do not cover the signer', async () => {
    const out = file('untrusted.pdf', (await sign(makePdf(), rsa.signer, {})) as Uint8Array);
    const report = await verify(out, { trustAnchors: [ec.root] });
    expect(report.signatures[0].intact).toBe(true);
    expect(report.signatures[0].trusted).toBe(false);
    expect(report.ok).toBe(false);
  });

  it('detects a byte changed inside the signed range', async () => {
    const signed = Buffer.from((await sign(makePdf(), rsa.signer, {})) as Uint8Array);
    const i = signed.indexOf('(Page 1)');
    signed.write('(Page 9)', i, 'latin1');
    const report = await verify(signed);
    expect(report.ok).toBe(false);
    expect(report.signatures[0].intact).toBe(false);
  });
});

describe('two-phase signing', () => {
  it('prepare → JSON → external signature → finish', async () => {
    const input = file('two-phase.pdf', makePdf());
    const prepared = await prepare(input, rsa.certificate, [rsa.root], { reason: '两阶段' });
    const state = JSON.parse(JSON.stringify(prepared.state));
    const signature = await rsa.signer.sign(prepared.toSign, 'SHA-256');
    const output = join(dir, 'two-phase-out.pdf');
    await finish(input, state, signature, {}, output);
    expect(pdfsig(output)[0]).toMatchObject({ valid: true, total: true });
    expect((await verify(output)).ok).toBe(true);
  });

  it('finish refuses when the input changed in between (PDF_CHANGED)', async () => {
    const input = file('changing.pdf', makePdf());
    const prepared = await prepare(input, rsa.certificate, [], {});
    const changed = Buffer.from(makePdf());
    changed.write('(Page 7)', changed.indexOf('(Page 1)'), 'latin1');
    writeFileSync(input, changed);
    const signature = await rsa.signer.sign(prepared.toSign, 'SHA-256');
    const output = join(dir, 'changing-out.pdf');
    await expect(finish(input, prepared.state, signature, {}, output)).rejects.toMatchObject({ code: 'PDF_CHANGED' });
    expect(existsSync(output)).toBe(false);
  });
});

describe('the form dictionary', () => {
  const acroFormOf = (pdf: Uint8Array) => {
    const r = new PdfReader(openSource(pdf));
    return { raw: r.catalog.get('AcroForm'), fields: r.resolve(r.dict(r.catalog.get('AcroForm'))?.get('Fields')) };
  };

  it('one we create is an indirect object (other signers register their fields there)', async () => {
    const signed = (await sign(makePdf(), rsa.signer, {})) as Uint8Array;
    const { raw, fields } = acroFormOf(signed);
    expect(raw).toBeInstanceOf(PdfRef);
    expect(fields).toHaveLength(1);
    const twice = (await sign(signed, ec.signer, {})) as Uint8Array;
    expect(acroFormOf(twice).fields).toHaveLength(2);
    const report = await verify(twice);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.modificationsAfter)).toEqual(['allowed', 'none']);
  });

  it('a direct one stays direct and keeps its fields', async () => {
    const pdf = Buffer.from(Buffer.from(makePdf()).toString('latin1').replace('/Type /Catalog', '/Type /Catalog /AcroForm << /Fields [] /DA (/Helv 0 Tf 0 g) >>'), 'latin1');
    const once = (await sign(pdf, rsa.signer, {})) as Uint8Array;
    const twice = (await sign(once, ec.signer, {})) as Uint8Array;
    const { raw, fields } = acroFormOf(twice);
    expect(raw).toBeInstanceOf(PdfDict);
    expect((raw as PdfDict).get('DA')).toBeDefined();
    expect(fields).toHaveLength(2);
    expect(pdfsig(file('direct-acroform.pdf', twice)).map((s) => s.valid)).toEqual([true, true]);
    expect((await verify(twice)).ok).toBe(true);
  });
});

describe('refusals', () => {
  it('encrypted input → PDF_ENCRYPTED, no output', async () => {
    const pdf = Buffer.from(makePdf()).toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>');
    const output = join(dir, 'enc-out.pdf');
    const err = await sign(file('enc.pdf', Buffer.from(pdf, 'latin1')), rsa.signer, {}, output).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfSealError);
    expect((err as PdfSealError).code).toBe('PDF_ENCRYPTED');
    expect((err as PdfSealError).message).toMatch(/加密/);
    expect(existsSync(output)).toBe(false);
  });

  it('not a PDF → PDF_UNREADABLE, no output', async () => {
    const output = join(dir, 'junk-out.pdf');
    await expect(sign(file('junk.pdf', Buffer.from('hello, not a pdf')), rsa.signer, {}, output)).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
    expect(existsSync(output)).toBe(false);
  });
});

describe('certification and signer quirks', () => {
  it('DocMDP P=1 forbids a later signature; P=2 allows it', async () => {
    const locked = (await sign(makePdf(), rsa.signer, { certify: 1 })) as Uint8Array;
    expect(pdfsig(file('certified-1.pdf', locked))[0]).toMatchObject({ valid: true, total: true });
    await expect(sign(locked, rsa.signer, {})).rejects.toMatchObject({ code: 'SEAL_NOT_ALLOWED' });
    const open = (await sign(makePdf(), rsa.signer, { certify: 2 })) as Uint8Array;
    const twice = file('certified-2.pdf', (await sign(open, ec.signer, {})) as Uint8Array);
    expect(pdfsig(twice).map((s) => s.valid)).toEqual([true, true]);
  });

  it('accepts a raw r‖s ECDSA signature as tokens return it', async () => {
    const raw = {
      ...ec.signer,
      sign: async (d: Uint8Array) => {
        const der = Buffer.from(await ec.signer.sign(d, 'SHA-256'));
        // DER → r‖s, 32 bytes each
        const rLen = der[3];
        const r = der.subarray(4, 4 + rLen);
        const s = der.subarray(6 + rLen);
        const fix = (x: Buffer) => Buffer.concat([Buffer.alloc(32), x]).subarray(-32);
        return Buffer.concat([fix(r), fix(s)]);
      },
    };
    const out = file('raw-ecdsa.pdf', (await sign(makePdf(), raw, {})) as Uint8Array);
    expect(pdfsig(out)[0].valid).toBe(true);
  });

  it('signs a file in place by appending to it', async () => {
    const original = makePdf();
    const path = file('in-place.pdf', original);
    await sign(path, rsa.signer, {}, path);
    const after = readFileSync(path);
    expect(Buffer.compare(after.subarray(0, original.length), Buffer.from(original))).toBe(0);
    expect(pdfsig(path)[0]).toMatchObject({ valid: true, total: true });
  });
});

describe('finish checks the signature value', () => {
  it('refuses a signature made by another key (SIGNING_FAILED), writing nothing', async () => {
    const input = file('wrong-key.pdf', makePdf());
    const prepared = await prepare(input, rsa.certificate, [], {});
    const other = await testIdentity('RSA');
    const output = join(dir, 'wrong-key-out.pdf');
    const bad = await other.signer.sign(prepared.toSign, 'SHA-256');
    await expect(finish(input, prepared.state, bad, {}, output)).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
    expect(existsSync(output)).toBe(false);
  });

  // sign() copies the original to the output while hashing it, before the key is asked
  it('sign() to another file leaves no output when the key fails or signs wrongly', async () => {
    const input = file('sign-fails.pdf', makePdf());
    const output = join(dir, 'sign-fails-out.pdf');
    const failing = { ...rsa.signer, sign: () => Promise.reject(new Error('token removed')) };
    await expect(sign(input, failing, {}, output)).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
    expect(existsSync(output)).toBe(false);
    const other = await testIdentity('RSA');
    const wrong = { ...rsa.signer, sign: other.signer.sign };
    await expect(sign(input, wrong, {}, output)).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
    expect(existsSync(output)).toBe(false);
    await sign(input, rsa.signer, {}, output);
    expect(pdfsig(output)[0]).toMatchObject({ valid: true, total: true });
  });
});
