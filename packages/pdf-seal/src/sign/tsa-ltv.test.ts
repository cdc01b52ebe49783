import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRootCa, issueEnterpriseCertificate, issueTsaCertificate, timestampResponder, createCrl } from '@hall/pki';
import { sign, verify } from '../index.ts';
import type { Signer } from '../types.ts';
import { digestSigner } from '../testing/signers.ts';
import { makePdf } from '../testing/make-pdf.ts';
import { pdfsig, qpdfAccepts } from '../testing/tools.ts';
import { openPdf } from '../pdf/open.ts';
import { crlUrls } from './dss.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdfseal-tsa-'));
let server: Server;
let base: string;
let signer: Signer;
let root: Uint8Array;
let crlRequests = 0;

beforeAll(async () => {
  let handler: (req: import('node:http').IncomingMessage, body: Buffer) => Promise<[number, string, Uint8Array]> = async () => [503, 'text/plain', new Uint8Array()];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handler(req, Buffer.concat(chunks)).then(([status, type, body]) => {
        res.writeHead(status, { 'content-type': type });
        res.end(Buffer.from(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ca = await createRootCa({ commonName: 'PdfSeal Test Root', crlUrl: `${base}/root.crl` });
  root = ca.certificate;
  const tsa = await issueTsaCertificate(ca, {});
  const respond = timestampResponder({ certificate: tsa.certificate, privateKeyPkcs8: tsa.privateKeyPkcs8, chain: tsa.chain });
  const crl = await createCrl(ca, []);
  handler = async (req, body) => {
    if (req.method === 'POST' && req.url === '/tsa') return [200, 'application/timestamp-reply', await respond(new Uint8Array(body))];
    if (req.url === '/root.crl') {
      crlRequests++;
      return [200, 'application/pkix-crl', crl];
    }
    return [404, 'text/plain', new Uint8Array()];
  };
  const ent = await issueEnterpriseCertificate(ca, { unitName: '景德镇测试建设有限公司', creditCode: '91350100M000100Y43' });
  const key = createPrivateKey({ key: Buffer.from(ent.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  signer = { certificate: ent.certificate, chain: ent.chain, keyAlgorithm: ent.keyAlgorithm, sign: digestSigner(key, ent.keyAlgorithm) };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('PAdES B-T and B-LT', () => {
  it('B-T: the RFC 3161 token over the signature value is embedded and checked', async () => {
    const out = join(dir, 'bt.pdf');
    writeFileSync(out, (await sign(makePdf(), signer, { tsaUrl: `${base}/tsa` })) as Uint8Array);
    expect(pdfsig(out)[0]).toMatchObject({ valid: true, total: true });
    const report = await verify(out, { trustAnchors: [root] });
    expect(report.ok).toBe(true);
    const ts = report.signatures[0].timestamp;
    expect(ts).not.toBeNull();
    expect(ts!.intact).toBe(true);
    expect(ts!.tsa).toMatch(/TSA/);
    expect(Math.abs(Date.parse(ts!.time) - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('B-LT: a DSS with the chain, the TSA certificates and the fetched CRL follows in its own revision', async () => {
    expect(crlUrls(signer.certificate)).toEqual([`${base}/root.crl`]);
    const out = join(dir, 'blt.pdf');
    writeFileSync(out, (await sign(makePdf(), signer, { tsaUrl: `${base}/tsa`, ltv: true })) as Uint8Array);
    expect(crlRequests).toBeGreaterThan(0);
    expect(qpdfAccepts(out)).toBe(true);
    expect(pdfsig(out)[0].valid).toBe(true);
    const reader = openPdf(out);
    const dss = reader.dict(reader.catalog.get('DSS'))!;
    expect((reader.resolve(dss.get('Certs')) as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect((reader.resolve(dss.get('CRLs')) as unknown[]).length).toBe(1);
    reader.source.close();
    const report = await verify(out, { trustAnchors: [root] });
    expect(report.ok).toBe(true);
    expect(report.signatures[0].coverage).toBe('entire-revision');
  });

  it('an unreachable TSA fails the signing with SIGNING_FAILED', async () => {
    await expect(sign(makePdf(), signer, { tsaUrl: `${base}/nothing` })).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
  });
});

describe('B-LT with OCSP', () => {
  it('fetches an OCSP response from the responder named in the certificate and stores it in the DSS', async () => {
    const { testIdentity } = await import('../testing/signers.ts');
    const { ocspResponder } = await import('../testing/ocsp-responder.ts');
    const pkijs = await import('pkijs');
    let asked = 0;
    const ocspServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        asked++;
        void respond(new Uint8Array(Buffer.concat(chunks))).then((body) => {
          res.writeHead(200, { 'content-type': 'application/ocsp-response' });
          res.end(Buffer.from(body));
        });
      });
    });
    await new Promise<void>((resolve) => ocspServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(ocspServer.address() as AddressInfo).port}/ocsp`;
    const id = await testIdentity('ECDSA-P256', 'CN=OCSP 测试,O=测试单位,C=CN', { ocspUrl: url });
    const respond = ocspResponder(id.root, id.caPrivateKey);
    try {
      const out = join(dir, 'blt-ocsp.pdf');
      writeFileSync(out, (await sign(makePdf(), id.signer, { ltv: true })) as Uint8Array);
      expect(asked).toBe(1);
      expect(pdfsig(out)[0].valid).toBe(true);
      const reader = openPdf(out);
      const dss = reader.dict(reader.catalog.get('DSS'))!;
      const ocsps = reader.resolve(dss.get('OCSPs')) as unknown[];
      expect(ocsps).toHaveLength(1);
      const stream = reader.resolve(ocsps[0] as never) as import('../pdf/objects.ts').PdfStream;
      const der = reader.decodedStream(stream);
      reader.source.close();
      const parsed = pkijs.OCSPResponse.fromBER(Uint8Array.from(der));
      expect(parsed.responseStatus.valueBlock.valueDec).toBe(0);
      const basic = pkijs.BasicOCSPResponse.fromBER(parsed.responseBytes!.response.valueBlock.valueHexView);
      expect(basic.tbsResponseData.responses[0].certStatus.idBlock.tagNumber).toBe(0);
      expect((await verify(out, { trustAnchors: [id.root] })).ok).toBe(true);
    } finally {
      await new Promise((resolve) => ocspServer.close(resolve));
    }
  });
});
