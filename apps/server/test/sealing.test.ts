// 在线盖章 through the HTTP API on a real database: prepare → the key signs → finish stores a
// new version; the result checked by poppler and by our own verifier; versions serialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { IssuedCertificate } from '@hall/pki';
import { fileVersions, sealingOperations } from '../src/db/schema.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { multipart } from './support/files.ts';
import { signIn, type SignedIn } from './support/session.ts';
import { EXPIRED_OPERATION_KEEP_MS } from '../src/sealing/prepare-sealing.ts';
import { VERIFY_RATE_LIMIT } from '../src/verification/rate-limit.ts';
import { createTestPki, download, enterpriseOf, keySign, makePdf, pdfsig, uploadPdf, type TestPki } from './sealing-helpers.ts';

let t: TestApp;
let pki: TestPki;
let work: string;
let alice: SignedIn;
let bob: SignedIn;
let aliceCert: IssuedCertificate;
let bobCert: IssuedCertificate;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hall-sealing-test-'));
  pki = await createTestPki(work);
  t = await buildTestApp({ TRUST_ANCHORS: pki.rootPemPath });
  alice = await signIn(t.app, { unitName: '景德镇市甲建设有限公司' });
  bob = await signIn(t.app, { unitName: '景德镇市乙设计有限公司' });
  const a = await enterpriseOf(t.app, alice);
  const b = await enterpriseOf(t.app, bob);
  aliceCert = await pki.certificateFor(a.creditCode, a.unitName);
  bobCert = await pki.certificateFor(b.creditCode, b.unitName);
});
afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

function sealBody(cert: IssuedCertificate, version: number, placements?: unknown[]) {
  return {
    version,
    certificate: b64(cert.certificate),
    chain: cert.chain.map(b64),
    placements: placements ?? [{ kind: 'seal', pages: [1], x: 300, y: 400, seal: { png: b64(pki.sealPng), widthMm: 42 } }],
  };
}

async function prepare(who: SignedIn, fileId: string, body: unknown) {
  return t.app.inject({ method: 'POST', url: `/api/sealing/${fileId}/prepare`, headers: who.headers, payload: body as object });
}

async function finish(who: SignedIn, operationId: string, signature: string) {
  return t.app.inject({ method: 'POST', url: `/api/sealing/operations/${operationId}/finish`, headers: who.headers, payload: { signature } });
}

async function seal(who: SignedIn, cert: IssuedCertificate, fileId: string, version: number, placements?: unknown[]) {
  const prepared = await prepare(who, fileId, sealBody(cert, version, placements));
  expect(prepared.statusCode, prepared.body).toBe(200);
  const { operationId, digest } = prepared.json() as { operationId: string; digest: string };
  return finish(who, operationId, keySign(cert, digest));
}

async function versionCount(fileId: string): Promise<number> {
  return (await t.app.db.select().from(fileVersions).where(eq(fileVersions.fileId, fileId))).length;
}

async function checkedOnDisk(bytes: Buffer, name: string) {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return { path, pdfsig: await pdfsig(path) };
}

describe('two-phase sealing over HTTP', () => {
  it('prepare → key signs → finish stores a new version that pdfsig and our verifier accept', async () => {
    const { fileId } = await uploadPdf(t.app, alice, '施工许可申请表.pdf', makePdf(3));
    const res = await seal(alice, aliceCert, fileId, 1, [
      { kind: 'seal', pages: [1], x: 300, y: 400, seal: { png: b64(pki.sealPng) } },
      { kind: 'seal', pages: [1, 2, 3], x: 450, y: 700, seal: { png: b64(pki.sealPng), widthMm: 30 } },
      { kind: 'cross-page', pages: [1, 2, 3], y: 420, seal: { png: b64(pki.sealPng) } },
      { kind: 'text', page: 1, x: 380, y: 760, text: '2026年12月04日', fontSize: 14 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { version: number; file: { version: number; versionCount: number; name: string } };
    expect(body.version).toBe(2);
    expect(body.file).toMatchObject({ version: 2, versionCount: 2, name: '施工许可申请表.pdf' });

    const original = await download(t.app, alice, fileId, 1);
    const sealed = await download(t.app, alice, fileId);
    expect(sealed.subarray(0, original.length).equals(original)).toBe(true); // incremental: v1 untouched
    const { pdfsig: sigs } = await checkedOnDisk(sealed, 'one.pdf');
    expect(sigs).toEqual([{ valid: true, total: true }]);

    const report = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/signatures`, headers: alice.headers });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json() as { ok: boolean; signatures: { intact: boolean; trusted: boolean; valid: boolean; signer: { unitName: string; creditCode: string }; summary: string }[] };
    expect(r.ok).toBe(true);
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({ intact: true, trusted: true, valid: true, signer: { unitName: '景德镇市甲建设有限公司', creditCode: (await enterpriseOf(t.app, alice)).creditCode } });
    expect(r.signatures[0]!.summary).toContain('签章有效');

    const versions = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/versions`, headers: alice.headers });
    expect((versions.json() as { note: string }[])[0]!.note).toBe('盖章（印章 4 处、骑缝章、文字 1 处）');
  });

  it('the public verify endpoint reports an uploaded sealed PDF, and no signature on a plain one', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'plain.pdf', makePdf(1));
    const plain = multipart([{ filename: 'plain.pdf', content: await download(t.app, alice, fileId), contentType: 'application/pdf' }]);
    const noSig = await t.app.inject({ method: 'POST', url: '/api/verify', headers: { ...plain.headers, cookie: 'hall_csrf=x', 'x-csrf-token': 'x' }, payload: plain.payload });
    expect(noSig.statusCode, noSig.body).toBe(200);
    expect(noSig.json()).toMatchObject({ ok: false, signatures: [], fileName: 'plain.pdf' });

    expect((await seal(alice, aliceCert, fileId, 1)).statusCode).toBe(200);
    const sealed = multipart([{ filename: '已盖章.pdf', content: await download(t.app, alice, fileId), contentType: 'application/pdf' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/verify', headers: { ...sealed.headers, cookie: 'hall_csrf=x', 'x-csrf-token': 'x' }, payload: sealed.payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, fileName: '已盖章.pdf', signatures: [{ intact: true, trusted: true, valid: true }] });
  });

  it('limits the public verify endpoint per client address: RATE_LIMITED with Retry-After, other addresses unaffected', async () => {
    const upload = multipart([{ filename: 'plain.pdf', content: makePdf(1), contentType: 'application/pdf' }]);
    const verify = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/verify', remoteAddress, headers: { ...upload.headers, cookie: 'hall_csrf=x', 'x-csrf-token': 'x' }, payload: upload.payload });
    for (let i = 0; i < VERIFY_RATE_LIMIT.max; i++) expect((await verify('203.0.113.7')).statusCode).toBe(200);
    const limited = await verify('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: '签章验证过于频繁，请稍后再试' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await verify('203.0.113.8');
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ ok: false, signatures: [] });
  });

  it('a file changed between prepare and finish → PDF_CHANGED, nothing stored', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'changed.pdf', makePdf(1));
    const prepared = await prepare(alice, fileId, sealBody(aliceCert, 1));
    expect(prepared.statusCode).toBe(200);
    const { operationId, digest } = prepared.json() as { operationId: string; digest: string };
    // someone makes a new version meanwhile (restoring v1 adds v2)
    const restored = await t.app.inject({ method: 'POST', url: `/api/drive/files/${fileId}/versions/1/restore`, headers: alice.headers });
    expect(restored.statusCode).toBe(200);
    const res = await finish(alice, operationId, keySign(aliceCert, digest));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PDF_CHANGED' });
    expect(await versionCount(fileId)).toBe(2);
    // and preparing on the stale version is refused up front
    const stale = await prepare(alice, fileId, sealBody(aliceCert, 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'PDF_CHANGED', currentVersion: 2 });
  });

  it('two finishes on the same base version: one wins, the other gets PDF_CHANGED', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'race.pdf', makePdf(2));
    const ops = [];
    for (let i = 0; i < 2; i++) {
      const p = await prepare(alice, fileId, sealBody(aliceCert, 1, [{ kind: 'seal', pages: [i + 1], x: 200, y: 300, seal: { png: b64(pki.sealPng) } }]));
      expect(p.statusCode).toBe(200);
      ops.push(p.json() as { operationId: string; digest: string });
    }
    const results = await Promise.all(ops.map((o) => finish(alice, o.operationId, keySign(aliceCert, o.digest))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'PDF_CHANGED' });
    expect(await versionCount(fileId)).toBe(2);
    const { pdfsig: sigs } = await checkedOnDisk(await download(t.app, alice, fileId), 'race.pdf');
    expect(sigs).toEqual([{ valid: true, total: true }]);
  });

  it('an operation is single use, and a signature that does not match the certificate is refused', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'once.pdf', makePdf(1));
    const p = (await prepare(alice, fileId, sealBody(aliceCert, 1))).json() as { operationId: string; digest: string };
    const forged = await finish(alice, p.operationId, keySign(bobCert, p.digest));
    expect(forged.statusCode).toBe(422);
    expect(forged.json()).toMatchObject({ code: 'SIGNING_FAILED' });
    expect(await versionCount(fileId)).toBe(1);
    expect((await finish(alice, p.operationId, keySign(aliceCert, p.digest))).statusCode).toBe(200);
    const again = await finish(alice, p.operationId, keySign(aliceCert, p.digest));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SEALING_EXPIRED' });
    const [row] = await t.app.db.select().from(sealingOperations).where(eq(sealingOperations.id, p.operationId));
    expect(row!.resultVersion).toBe(2);
  });

  it('a prepare deletes operations expired more than a day ago; a recently expired one still answers SEALING_EXPIRED', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'expiry.pdf', makePdf(1));
    const old = (await prepare(alice, fileId, sealBody(aliceCert, 1))).json() as { operationId: string; digest: string };
    const recent = (await prepare(alice, fileId, sealBody(aliceCert, 1))).json() as { operationId: string; digest: string };
    const now = Date.now();
    await t.app.db.update(sealingOperations).set({ expiresAt: new Date(now - EXPIRED_OPERATION_KEEP_MS - 60_000) }).where(eq(sealingOperations.id, old.operationId));
    await t.app.db.update(sealingOperations).set({ expiresAt: new Date(now - 60_000) }).where(eq(sealingOperations.id, recent.operationId));

    expect((await prepare(alice, fileId, sealBody(aliceCert, 1))).statusCode).toBe(200);
    const ids = (await t.app.db.select({ id: sealingOperations.id }).from(sealingOperations).where(eq(sealingOperations.fileId, fileId))).map((r) => r.id);
    expect(ids).not.toContain(old.operationId);
    expect(ids).toContain(recent.operationId);
    expect(ids).toHaveLength(2);
    const late = await finish(alice, recent.operationId, keySign(aliceCert, recent.digest));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'SEALING_EXPIRED' });
    expect((await finish(alice, old.operationId, keySign(aliceCert, old.digest))).statusCode).toBe(404);
    expect(await versionCount(fileId)).toBe(1);
  });

  it('encrypted and broken PDFs are refused with PDF_ENCRYPTED / PDF_UNREADABLE and no new version', async () => {
    const encrypted = readFileSync('/work/shared/corpus/pyhanko/minimal-aes256.pdf');
    const { fileId } = await uploadPdf(t.app, alice, 'encrypted.pdf', encrypted);
    const res = await prepare(alice, fileId, sealBody(aliceCert, 1));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'PDF_ENCRYPTED' });
    expect(await versionCount(fileId)).toBe(1);

    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('这不是 PDF 的内容 '.repeat(50))]);
    const up = await uploadPdf(t.app, alice, 'broken.pdf', broken);
    const res2 = await prepare(alice, up.fileId, sealBody(aliceCert, 1));
    expect(res2.statusCode).toBe(422);
    expect(res2.json()).toMatchObject({ code: 'PDF_UNREADABLE' });
    expect(await versionCount(up.fileId)).toBe(1);
  });

  it("another enterprise's file is 404, and its certificate cannot seal our files (FORBIDDEN)", async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'mine.pdf', makePdf(1));
    const p = await prepare(bob, fileId, sealBody(bobCert, 1));
    expect(p.statusCode).toBe(404);
    const signatures = await t.app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/signatures`, headers: bob.headers });
    expect(signatures.statusCode).toBe(404);
    const aliceOp = (await prepare(alice, fileId, sealBody(aliceCert, 1))).json() as { operationId: string; digest: string };
    const stolen = await finish(bob, aliceOp.operationId, keySign(aliceCert, aliceOp.digest));
    expect(stolen.statusCode).toBe(404);

    const wrongCert = await prepare(alice, fileId, sealBody(bobCert, 1));
    expect(wrongCert.statusCode).toBe(403);
    expect(wrongCert.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a second enterprise seals the same document after the first: both signatures valid', async () => {
    const { fileId } = await uploadPdf(t.app, alice, 'contract.pdf', makePdf(2));
    expect((await seal(alice, aliceCert, fileId, 1)).statusCode).toBe(200);
    const first = await download(t.app, alice, fileId);
    // the sealed file reaches the other unit, which keeps it in its own drive and seals it
    const bobs = await uploadPdf(t.app, bob, 'contract.pdf', first);
    const res = await seal(bob, bobCert, bobs.fileId, 1, [{ kind: 'seal', pages: [2], x: 400, y: 500, seal: { png: b64(pki.sealPng) } }]);
    expect(res.statusCode, res.body).toBe(200);
    const both = await download(t.app, bob, bobs.fileId);
    const { pdfsig: sigs } = await checkedOnDisk(both, 'two-parties.pdf');
    expect(sigs).toHaveLength(2);
    expect(sigs.every((s) => s.valid)).toBe(true);
    expect(sigs[1]!.total).toBe(true);
    const report = (await t.app.inject({ method: 'GET', url: `/api/drive/files/${bobs.fileId}/signatures`, headers: bob.headers })).json() as {
      signatures: { intact: boolean; trusted: boolean; signer: { unitName: string } }[];
    };
    expect(report.signatures.map((s) => [s.signer.unitName, s.intact, s.trusted])).toEqual([
      ['景德镇市甲建设有限公司', true, true],
      ['景德镇市乙设计有限公司', true, true],
    ]);
  });
});

describe('seal library (印章库)', () => {
  it('uploads a JPG scan made transparent, lists it, seals with it, deletes it', async () => {
    const { X509Certificate } = await import('node:crypto');
    const certSerial = new X509Certificate(aliceCert.certificate).serialNumber;
    const jpgPath = join(work, 'seal.jpg');
    const pngPath = join(work, 'seal-src.png');
    writeFileSync(pngPath, pki.sealPng);
    // a scan: the seal on white paper, as JPEG
    const { execFileSync } = await import('node:child_process');
    execFileSync('convert', [pngPath, '-background', 'white', '-flatten', '-quality', '92', jpgPath], { timeout: 60_000 });
    const form = multipart([{ filename: '公章.jpg', content: readFileSync(jpgPath), contentType: 'image/jpeg' }]);
    const fields = ['name=公章', 'kind=official', `certificateSerial=${certSerial}`];
    const boundary = /boundary=(.*)$/.exec(form.headers['content-type']!)![1]!;
    const fieldParts = fields.map((f) => {
      const [k, v] = f.split('=');
      return Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    });
    const payload = Buffer.concat([...fieldParts, form.payload]);
    const up = await t.app.inject({ method: 'POST', url: '/api/seals', headers: { ...alice.headers, ...form.headers }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const libSeal = up.json() as { id: string; widthMm: number; imageUrl: string; name: string };
    expect(libSeal).toMatchObject({ name: '公章', widthMm: 42 });

    const image = await t.app.inject({ method: 'GET', url: libSeal.imageUrl, headers: alice.headers });
    expect(image.headers['content-type']).toBe('image/png');
    const { PNG } = await import('pngjs');
    const decoded = PNG.sync.read(image.rawPayload);
    const corner = decoded.data[3]; // top-left pixel: paper
    expect(corner).toBe(0);
    let opaqueRed = 0;
    for (let i = 0; i < decoded.data.length; i += 4) if (decoded.data[i + 3]! > 200 && decoded.data[i]! > 150 && decoded.data[i + 1]! < 100) opaqueRed++;
    expect(opaqueRed).toBeGreaterThan(1000);

    const list = await t.app.inject({ method: 'GET', url: '/api/seals', headers: alice.headers });
    expect((list.json() as { id: string }[]).map((s) => s.id)).toContain(libSeal.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/seals', headers: bob.headers })).json()).toEqual([]);

    const { fileId } = await uploadPdf(t.app, alice, 'library.pdf', makePdf(1));
    const res = await seal(alice, aliceCert, fileId, 1, [{ kind: 'seal', pages: [1], x: 300, y: 300, seal: { sealId: libSeal.id } }]);
    expect(res.statusCode, res.body).toBe(200);
    // the library seal is bound to alice's certificate: bob's cannot use it, nor can bob see it
    const bobUse = await uploadPdf(t.app, bob, 'b.pdf', makePdf(1));
    expect((await prepare(bob, bobUse.fileId, sealBody(bobCert, 1, [{ kind: 'seal', pages: [1], x: 300, y: 300, seal: { sealId: libSeal.id } }]))).statusCode).toBe(404);

    const del = await t.app.inject({ method: 'DELETE', url: `/api/seals/${libSeal.id}`, headers: alice.headers });
    expect(del.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/seals', headers: alice.headers })).json()).toEqual([]);
  });

  it('refuses an image that is not a PNG or JPG', async () => {
    const form = multipart([{ filename: 'seal.gif', content: Buffer.from('GIF89a not really'), contentType: 'image/gif' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/seals', headers: { ...alice.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(400); // certificate serial missing comes first
    const boundary = /boundary=(.*)$/.exec(form.headers['content-type']!)![1]!;
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n公章\r\n--${boundary}\r\nContent-Disposition: form-data; name="certificateSerial"\r\n\r\n0a1b\r\n`), form.payload]);
    const res2 = await t.app.inject({ method: 'POST', url: '/api/seals', headers: { ...alice.headers, ...form.headers }, payload });
    expect(res2.statusCode).toBe(422);
    expect(res2.json()).toMatchObject({ code: 'SEAL_IMAGE_INVALID' });
  });
});
