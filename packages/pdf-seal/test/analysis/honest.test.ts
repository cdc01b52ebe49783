// Honest files must pass the change analysis: our own seals in a row, other signers (PDFBox,
// poppler's `pdfsig -add-signature`) on top of ours and ours on top of theirs, and the signed
// files of the shared corpus that are known to be clean. The corpus files with broken
// ByteRanges must make `pdfseal verify` exit 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sign, verify, type Placement, type SignatureReport } from '@hall/pdf-seal';
import { makePdf, makeSealPng } from '../../src/testing/make-pdf.ts';
import { testIdentity, type TestIdentity } from '../../src/testing/signers.ts';
import { listDocumentRevisions } from '../../src/revisions/revisions.ts';
import { openPdf } from '../../src/pdf/open.ts';
import { PdfRef, isName } from '../../src/pdf/objects.ts';
import { listFields } from '../../src/sign/structure.ts';
import { pdfboxSign } from '../support/pdfbox.ts';
import { run } from '../support/run.ts';

const CORPUS = '/work/shared/corpus';
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pdfseal.js');
const seal = { png: makeSealPng(), widthMm: 30 };
let id: TestIdentity;
let work: string;
/** a self-signed key for the other signers, as PKCS#12 and in an NSS database */
let other: { p12: string; password: string; nssdir: string; nick: string; certDer: Uint8Array };

async function sh(cmd: string, args: string[]) {
  const r = await run(cmd, args, { timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

beforeAll(async () => {
  id = await testIdentity('ECDSA-P256');
  work = mkdtempSync(join(tmpdir(), 'pdfseal-honest-'));
  const key = join(work, 'k.pem');
  const cert = join(work, 'c.pem');
  const p12 = join(work, 'other.p12');
  const nssdir = join(work, 'nss');
  await sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=Other Signer/O=Hall Test', '-days', '30']);
  await sh('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:pw', '-name', 'other']);
  await sh('mkdir', ['-p', nssdir]);
  await sh('certutil', ['-N', '-d', `sql:${nssdir}`, '--empty-password']);
  await sh('pk12util', ['-i', p12, '-d', `sql:${nssdir}`, '-W', 'pw', '-K', '']);
  const pem = readFileSync(cert, 'latin1');
  const certDer = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64'));
  other = { p12, password: 'pw', nssdir, nick: 'other', certDer };
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const mods = (r: { signatures: SignatureReport[] }) => r.signatures.map((s) => s.modificationsAfter);
const allowedOrNone = (r: { signatures: SignatureReport[] }) => {
  for (const s of r.signatures) {
    expect(['none', 'allowed'], `${s.field}: ${JSON.stringify(s.changes?.filter((c) => !c.allowed))}`).toContain(s.modificationsAfter);
    for (const c of s.changes ?? []) expect(c.allowed, `${c.object}: ${c.reason}`).toBe(true);
  }
};

describe('signers in a row', () => {
  test('ours five times (seal, several pages, cross-page, text, invisible): every earlier signature "allowed"', async () => {
    let pdf: Uint8Array = makePdf([{}, {}, {}, { rotate: 90 }]);
    const steps: Placement[][] = [
      [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }],
      [{ kind: 'seal', pages: [1, 2, 3], x: 400, y: 300, image: seal }],
      [{ kind: 'cross-page', pages: [1, 2, 3, 4], y: 450, image: seal }],
      [{ kind: 'text', page: 1, x: 300, y: 700, text: '2022年09月01日', fontSize: 14 }],
      [],
    ];
    for (const placements of steps) pdf = (await sign(pdf, id.signer, { placements })) as Uint8Array;
    const r = await verify(pdf, { trustAnchors: [id.root] });
    expect(r.ok).toBe(true);
    expect(mods(r)).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'none']);
    allowedOrNone(r);
    // every change after the first seal is signing: signatures, their widgets, form and page annotation lists
    const kinds = new Set(r.signatures[0].changes!.map((c) => c.kind));
    expect([...kinds].every((k) => ['signature', 'form-field', 'annotation'].includes(k))).toBe(true);
  });

  test('PDFBox signs on top of ours, then ours on top of PDFBox', async () => {
    const first = join(work, 'ours.pdf');
    writeFileSync(first, (await sign(makePdf([{}, {}]), id.signer, { placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] })) as Uint8Array);
    const boxed = join(work, 'pdfbox-on-ours.pdf');
    await pdfboxSign(first, boxed, other.p12, other.password);
    const last = join(work, 'ours-on-pdfbox.pdf');
    await sign(boxed, id.signer, { placements: [{ kind: 'seal', pages: [2], x: 200, y: 300, image: seal }] }, last);
    const r = await verify(last, { trustAnchors: [id.root, other.certDer] });
    expect(r.ok).toBe(true);
    expect(mods(r)).toEqual(['allowed', 'allowed', 'none']);
    allowedOrNone(r);
  });

  test("poppler's pdfsig -add-signature on top of ours, then ours again", async () => {
    const first = join(work, 'ours-2.pdf');
    let pdf = (await sign(makePdf([{}, {}]), id.signer, { placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] })) as Uint8Array;
    pdf = (await sign(pdf, id.signer, { placements: [{ kind: 'cross-page', pages: [1, 2], y: 400, image: seal }] })) as Uint8Array;
    writeFileSync(first, pdf);
    const poppler = join(work, 'pdfsig-on-ours.pdf');
    await sh('pdfsig', ['-add-signature', '-nssdir', `sql:${other.nssdir}`, '-nick', other.nick, '-digest', 'SHA256', '-reason', 'poppler', first, poppler]);
    // the form we created is an object of its own, so poppler registered its field there
    const form = openPdf(poppler);
    try {
      expect(form.catalog.get('AcroForm')).toBeInstanceOf(PdfRef);
      expect(listFields(form).filter((f) => isName(f.dict.get('FT'), 'Sig'))).toHaveLength(3);
    } finally {
      form.source.close();
    }
    const last = join(work, 'ours-on-pdfsig.pdf');
    await sign(poppler, id.signer, { placements: [{ kind: 'seal', pages: [2], x: 200, y: 300, image: seal }] }, last);
    const r = await verify(last, { trustAnchors: [id.root, other.certDer] });
    expect(r.ok).toBe(true);
    expect(mods(r)).toEqual(['allowed', 'allowed', 'allowed', 'none']);
    allowedOrNone(r);
  });
});

describe('revisions and --extract', () => {
  test('lists who covers which revision and extracts the document as it was signed', async () => {
    const base = makePdf([{}]);
    const one = (await sign(base, id.signer, { fieldName: 'First', placements: [{ kind: 'seal', pages: [1], x: 150, y: 200, image: seal }] })) as Uint8Array;
    const two = (await sign(one, id.signer, { fieldName: 'Second' })) as Uint8Array;
    const file = join(work, 'two.pdf');
    writeFileSync(file, two);
    const report = await listDocumentRevisions(file);
    expect(report.revisions.map((r) => r.signatures.map((s) => s.field))).toEqual([[], ['First'], ['Second']]);
    expect(report.revisions.map((r) => r.coveredBy)).toEqual([['First', 'Second'], ['First', 'Second'], ['Second']]);
    expect(report.revisions[2].counts.signature.added).toBeGreaterThan(0);
    expect(report.revisions[2].counts['page-content']).toEqual({ added: 0, changed: 0, deleted: 0 });

    const out = join(work, 'first.pdf');
    const r = await run(process.execPath, [bin, 'revisions', file, '--extract', '1', '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(one))).toBe(true);
    const v = await verify(out);
    expect(v.signatures.map((s) => [s.field, s.coverage])).toEqual([['First', 'entire-file']]);

    const listed = await run(process.execPath, [bin, 'revisions', file]);
    expect(listed.stdout.toString('utf8')).toMatch(/版本 3.*\n.*签章 #2 Second/);
  });
});

describe('the shared corpus', () => {
  const anomalies = ['tail-uncovered', 'signature-gap-too-big', 'one-byterange', 'weird-byterange'];
  test.each(anomalies)('coverage-anomalies/%s.pdf: pdfseal verify exits 1', async (name) => {
    const r = await run(process.execPath, [bin, 'verify', join(CORPUS, 'pyhanko/coverage-anomalies', `${name}.pdf`), '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout.toString('utf8')) as { ok: boolean; signatures: SignatureReport[] };
    expect(report.signatures[0].coverage).toBe('partial');
  });

  // clean files whose signatures are also cryptographically sound here: verify passes
  const clean = [
    'signpdf/signed.pdf',
    'signpdf/signed-once.pdf',
    'signpdf/signed-twice.pdf',
    'signpdf/incrementally_signed.pdf',
    'signpdf/issue-209-reason-includes-trailer-word.pdf',
    'qpdf/digitally-signed.pdf',
    'pyhanko/certified-with-indirect-refs-in-dir.pdf',
    'pyhanko/minimal-signed-twice-both-created.pdf',
    'pyhanko/minimal-signed-twice-second-created.pdf',
    'pyhanko/minimal-signed-twice-no-sig-type.pdf',
    'pyhanko/minimal-two-fields-signed-twice.pdf',
    'pyhanko/separate-annots-kids-indir.pdf',
    'pyhanko/pades-with-old-style-signing-cert-attr.pdf',
    'pyhanko/sig-with-ski-sid.pdf',
    'pyhanko/pdf-sig-with-econtent.pdf',
    // pyHanko's own verdict on these: form filling (an empty signature field signed, its
    // placeholder appearance redrawn in place)
    'pyhanko/form-update-override-appearance-stream.pdf',
    'pyhanko/form-update-override-appearance-stream-ap-indirect.pdf',
    'pyhanko/form-update-no-override-appearance-stream-ap-indirect.pdf',
    'pyhanko/form-update-original-ap-type-wrong.pdf',
  ];
  test.each(clean)('%s: ok (the CLI exits 0), nothing disallowed after any signature', async (file) => {
    const report = await verify(join(CORPUS, file));
    allowedOrNone(report);
    expect(report.ok).toBe(true);
  });

  // clean change histories (extension dictionaries, DSS and document timestamps) whose
  // cryptography this verifier does not accept for other reasons (Ed25519/Ed448 keys, RFC 3161
  // document timestamps): the change analysis alone must not object
  test.each([
    'pyhanko/extensions-direct.pdf',
    'pyhanko/extensions-indirect.pdf',
    'pyhanko/extensions-update-direct.pdf',
    'pyhanko/extensions-update-indirect.pdf',
    'pyhanko/pades-lta-dss-indirect-arrs-test.pdf',
    'pyhanko/pades-lta-dss-indirect-arrs-test-2.pdf',
  ])('%s: every change after each signature allowed', async (file) => {
    allowedOrNone(await verify(join(CORPUS, file)));
  });

  // pyHanko rejects these: an appearance or extension object shared with another part of the
  // document is overwritten
  test.each(['pyhanko/form-update-override-appearance-stream-sneaky.pdf', 'pyhanko/form-update-override-appearance-stream-ap-indirect-sneaky.pdf', 'pyhanko/extensions-indirect-not-all-paths.pdf'])(
    '%s: the first signature is followed by a disallowed change',
    async (file) => {
      const r = await verify(join(CORPUS, file));
      expect(r.ok).toBe(false);
      expect(r.signatures.some((s) => s.modificationsAfter === 'disallowed')).toBe(true);
    },
  );
});
