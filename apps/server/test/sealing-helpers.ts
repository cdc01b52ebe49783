// What the sealing tests share: hand-written PDFs, a test CA with enterprise certificates, a
// signer standing in for the key agent, uploads, and external checkers under timeouts.
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createIssuingCa, createRootCa, issueEnterpriseCertificate, pemBundle, renderOfficialSeal, toPem, type CaMaterial, type IssuedCertificate } from '@hall/pki';
import { signDigest } from '@hall/token';
import { eq } from 'drizzle-orm';
import { enterprises } from '../src/db/schema.ts';
import type { App } from '../src/types.ts';
import { multipart } from './support/files.ts';
import type { SignedIn } from './support/session.ts';

const run = promisify(execFile);

/** A PDF of `pages` A4 pages, each with a line of text, written without any PDF library. */
export function makePdf(pages: number, label = 'Sealing test'): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  const font = 3;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[font] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  let n = 4;
  for (let i = 1; i <= pages; i++) {
    const content = `BT /F1 24 Tf 72 760 Td (${label} page ${i}) Tj ET`;
    objects[n] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    objects[n + 1] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${n} 0 R >>`;
    kids.push(`${n + 1} 0 R`);
    n += 2;
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < n; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${n}\n0000000000 65535 f \n`;
  for (let i = 1; i < n; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface TestPki {
  root: CaMaterial;
  rootPemPath: string;
  sealPng: Uint8Array;
  certificateFor(creditCode: string, unitName: string): Promise<IssuedCertificate>;
}

export async function createTestPki(dir: string): Promise<TestPki> {
  const root = await createRootCa({ commonName: '测试 CA 根证书', organization: '测试 CA' });
  const rootPemPath = join(dir, 'root.pem');
  await writeFile(rootPemPath, toPem(root.certificate));
  return {
    root,
    rootPemPath,
    sealPng: renderOfficialSeal('景德镇市测试建设有限公司', { sizePx: 300 }),
    certificateFor: (creditCode, unitName) => issueEnterpriseCertificate(root, { unitName, creditCode }),
  };
}

/**
 * The settings persons' signing needs: an event-certificate CA under the test root (its files
 * written into `dir`), a fresh master key, and the SMS outbox readable through the test API.
 */
export async function personSigningEnv(pki: TestPki, dir: string): Promise<Record<string, string>> {
  const issuing = await createIssuingCa(pki.root, { commonName: '测试事件证书 CA' });
  await writeFile(join(dir, 'event-ca.pem'), pemBundle([issuing.certificate, pki.root.certificate]));
  await writeFile(join(dir, 'event-ca.key'), toPem(issuing.privateKeyPkcs8, 'PRIVATE KEY'));
  return {
    SMS_OUTBOX_API: 'true',
    HALL_MASTER_KEY: randomBytes(32).toString('base64'),
    EVENT_CA_CERT: join(dir, 'event-ca.pem'),
    EVENT_CA_KEY: join(dir, 'event-ca.key'),
  };
}

export async function enterpriseOf(app: App, who: SignedIn): Promise<{ creditCode: string; unitName: string }> {
  const [row] = await app.db.select().from(enterprises).where(eq(enterprises.id, who.enterpriseId));
  return { creditCode: row!.creditCode, unitName: row!.unitName };
}

/** What the key agent does after the PIN: sign the digest with the certificate's key. */
export function keySign(cert: IssuedCertificate, digestBase64: string): string {
  const key = createPrivateKey({ key: Buffer.from(cert.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  return Buffer.from(signDigest(key, new Uint8Array(Buffer.from(digestBase64, 'base64')))).toString('base64');
}

/** A folder and one uploaded file in it; returns the file id. */
export async function uploadPdf(app: App, who: SignedIn, name: string, bytes: Buffer, folderId?: string): Promise<{ fileId: string; folderId: string }> {
  let folder = folderId;
  if (!folder) {
    const res = await app.inject({ method: 'POST', url: '/api/drive/folders', headers: who.headers, payload: { name: '盖章测试', code: `S${Date.now() % 100000}${Math.floor(Math.random() * 1000)}` } });
    if (res.statusCode !== 201) throw new Error(`folder: ${res.statusCode} ${res.body}`);
    folder = (res.json() as { id: string }).id;
  }
  const body = multipart([{ filename: name, content: bytes, contentType: 'application/pdf' }]);
  const res = await app.inject({ method: 'POST', url: `/api/drive/folders/${folder}/files`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return { fileId: (res.json() as { id: string }[])[0]!.id, folderId: folder };
}

export async function download(app: App, who: SignedIn, fileId: string, version?: number): Promise<Buffer> {
  const res = await app.inject({ method: 'GET', url: `/api/drive/files/${fileId}/content${version ? `?version=${version}` : ''}`, headers: who.headers });
  if (res.statusCode !== 200) throw new Error(`download: ${res.statusCode}`);
  return res.rawPayload;
}

export interface PdfsigEntry {
  valid: boolean;
  total: boolean;
}

/**
 * poppler's pdfsig on a file, one entry per signature (it lists a signature field once per
 * widget, so entries with the same signed ranges are one signature). It exits 0 even on a bad
 * digest: read its text.
 */
export async function pdfsig(path: string): Promise<PdfsigEntry[]> {
  const { stdout } = await run('pdfsig', ['-nocert', path], { timeout: 60_000 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const seen = new Map<string, PdfsigEntry>();
  for (const block of stdout.split(/^Signature #\d+:\s*$/m).slice(1)) {
    const ranges = /Signed Ranges: (.*)$/m.exec(block)?.[1] ?? `unsigned:${seen.size}`;
    if (!seen.has(ranges)) seen.set(ranges, { valid: /Signature Validation: Signature is Valid\./.test(block), total: /^\s*- Total document signed\s*$/m.test(block) });
  }
  return [...seen.values()];
}
