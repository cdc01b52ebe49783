// PAdES B-T (signature timestamp from a local RFC 3161 TSA) and B-LT (validation data in a
// DSS, CRLs fetched from the certificates' distribution points on a local HTTP server).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { issueTsaCertificate, timestampResponder } from '@hall/pki/tsa';
import { createCrl } from '@hall/pki/crl';
import { sign, verify } from '@hall/pdf-seal';
import { checkAllSignatures } from './support/check-all.ts';
import { qpdfCatalog, qpdfCheck, qpdfObjects, type QpdfJsonValue } from './support/external.ts';
import { startLocalServices, type LocalServices } from './support/http-services.ts';
import { writePdf } from './support/make-pdf.ts';
import { pdfboxVerify } from './support/pdfbox.ts';
import { redRoundSealPng } from './support/seal-image.ts';
import { useSigners } from './support/fixture.ts';

let services: LocalServices;
// the CRL server must run before the PKI exists: its URL goes into the certificates
const fx = useSigners('tsa', async () => {
  services = await startLocalServices();
  return { crlBaseUrl: services.baseUrl };
});
let base: string;
const seal = { png: redRoundSealPng() };

beforeAll(async () => {
  const { pki } = fx.signers;
  const tsa = await issueTsaCertificate(pki.issuing);
  services.setTimestampResponder(timestampResponder({ certificate: tsa.certificate, privateKeyPkcs8: tsa.privateKeyPkcs8, chain: tsa.chain }));
  services.crls.set('root.crl', await createCrl(pki.root, [], 30));
  services.crls.set('issuing.crl', await createCrl(pki.issuing, [], 30));
  base = join(fx.work, 'base.pdf');
  writePdf(base, { pages: [{}] });
});

afterAll(async () => {
  await services?.close();
});

test('B-T: the signature carries a timestamp that PDFBox and our verifier accept', async () => {
  const out = join(fx.work, 'b-t.pdf');
  const before = services.requests.tsa;
  await sign(base, fx.signers.ecP12, { placements: [{ kind: 'seal', pages: [1], x: 200, y: 200, image: seal }], tsaUrl: services.tsaUrl }, out);
  expect(services.requests.tsa).toBe(before + 1);
  expect((await checkAllSignatures(out, 1, [fx.signers.pki.root.certificate])).problems).toEqual([]);

  const box = (await pdfboxVerify(out)).signatures[0];
  expect(box.hasTimestamp).toBe(true);
  expect(box.timestampVerifies).toBe(true);
  const ours = (await verify(out, { trustAnchors: [fx.signers.pki.root.certificate] })).signatures[0];
  expect(ours.timestamp).not.toBeNull();
  expect(ours.timestamp?.intact).toBe(true);
  expect(Math.abs(Date.parse(ours.timestamp!.time) - Date.now())).toBeLessThan(10 * 60_000);
  expect(Date.parse(box.timestampTime!)).toBe(Date.parse(ours.timestamp!.time));
});

function dssOf(catalog: Record<string, QpdfJsonValue>, objects: Record<string, QpdfJsonValue>): Record<string, QpdfJsonValue> | null {
  const dss = catalog['/DSS'];
  if (!dss) return null;
  if (typeof dss === 'string') return (objects[`obj:${dss}`] as { value: Record<string, QpdfJsonValue> }).value;
  return dss as Record<string, QpdfJsonValue>;
}

for (const ltv of [true, 'explicit'] as const) {
  test(`B-LT (${ltv === true ? 'ltv: true, CRLs fetched' : 'CRLs given'}): a DSS with certificates and CRLs, signatures still valid`, async () => {
    const out = join(fx.work, `b-lt-${String(ltv)}.pdf`);
    const crlsBefore = services.requests.crl;
    const ltvOption =
      ltv === true ? true : { crls: [services.crls.get('issuing.crl')!, services.crls.get('root.crl')!], certificates: [fx.signers.pki.issuing.certificate, fx.signers.pki.root.certificate] };
    await sign(base, fx.signers.rsaP12, { placements: [{ kind: 'seal', pages: [1], x: 300, y: 300, image: seal }], tsaUrl: services.tsaUrl, ltv: ltvOption }, out);
    if (ltv === true) expect(services.requests.crl).toBeGreaterThan(crlsBefore);

    expect((await qpdfCheck(out)).accepted).toBe(true);
    const objects = await qpdfObjects(out);
    const dss = dssOf(await qpdfCatalog(out), objects);
    expect(dss).not.toBeNull();
    expect(Object.keys(dss!)).toEqual(expect.arrayContaining(['/Certs', '/CRLs']));
    expect((dss!['/CRLs'] as unknown[]).length).toBeGreaterThanOrEqual(1);

    expect((await checkAllSignatures(out, 1, [fx.signers.pki.root.certificate], { lastCoversAll: false })).problems).toEqual([]);
    const ours = (await verify(out, { trustAnchors: [fx.signers.pki.root.certificate] })).signatures[0];
    // the DSS revision comes after the signature, and adding validation data is allowed
    expect(ours.coverage).toBe('entire-revision');
    expect(ours.modificationsAfter).toBe('allowed');
  });
}
