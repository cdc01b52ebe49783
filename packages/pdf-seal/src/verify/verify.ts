import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { openPdf } from '../pdf/open.ts';
import { PdfString, decodeText, namesOf, type PdfDict } from '../pdf/objects.ts';
import { parsePdfDate } from '../pdf/objects.ts';
import type { PdfReader } from '../pdf/reader.ts';
import { hashInput, readRange } from '../io.ts';
import { OID } from '../cms/algorithms.ts';
import { readTlv } from '../cms/der.ts';
import { PdfSealError } from '../errors.ts';
import type { PdfInput } from '../pdf/source.ts';
import type { SignatureReport, VerifyReport } from '../types.ts';
import { attribute, checkChain, digestNameOf, messageDigestOf, parseCms, signatureValid } from './cms.ts';
import { checkTimestamp, checkTimestampToken } from './timestamp.ts';
import { analyseDocument, applyAnalysis, fieldsWithStraySignatures } from '../analysis/analyse.ts';
import { byteRangeOf, rangeKey, sha256OfRanges } from '../analysis/digests.ts';

export interface SignatureField {
  field: string;
  sig: PdfDict;
}

/** The signed signature fields of the latest revision, in the order of their ByteRange ends. */
export function signatureFields(reader: PdfReader): SignatureField[] {
  const out: SignatureField[] = [];
  for (const f of fieldsWithStraySignatures(reader)) {
    const v = reader.dict(f.dict.get('V'));
    if (!v || !(reader.resolve(v.get('Contents')) instanceof PdfString)) continue;
    if (namesOf(reader.resolve(f.dict.get('FT'))) !== 'Sig' && !v.has('ByteRange')) continue;
    out.push({ field: f.name, sig: v });
  }
  const end = (s: SignatureField) => {
    const br = s.sig.get('ByteRange');
    return Array.isArray(br) && br.length === 4 ? Number(br[2]) + Number(br[3]) : 0;
  };
  return out.sort((a, b) => end(a) - end(b));
}

export const subjectText = (der: Uint8Array) => new X509Certificate(der).subject.split('\n').reverse().join(', ');

async function checkOne(input: PdfInput, size: number, reader: PdfReader, f: SignatureField, anchors?: Uint8Array[], digests?: Map<string, Buffer>): Promise<SignatureReport> {
  const problems: string[] = [];
  const sig = f.sig;
  const subFilter = namesOf(reader.resolve(sig.get('SubFilter'))) ?? null;
  const claimed = parsePdfDate(decodeText(reader.resolve(sig.get('M'))));
  const report: SignatureReport = {
    field: f.field,
    subFilter,
    signer: null,
    signedAt: claimed?.toISOString() ?? null,
    intact: false,
    coverage: 'partial',
    modificationsAfter: 'unknown',
    trusted: anchors ? false : null,
    timestamp: null,
    problems,
  };
  const brRaw = reader.resolve(sig.get('ByteRange'));
  const br = Array.isArray(brRaw) ? brRaw.map((x) => reader.resolve(x)) : [];
  const contents = reader.resolve(sig.get('Contents')) as PdfString;
  if (br.length !== 4 || !br.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
    problems.push('ByteRange 格式不正确');
    return report;
  }
  const [a, b, c, d] = br as number[];
  const end = c + d;
  let strict = a === 0 && b < c && end <= size;
  if (strict) {
    // the gap must be exactly this signature's /Contents hex string
    const gap = await readRange(input, b, c - b);
    const text = gap.toString('latin1');
    const hex = text.slice(1, -1).replace(/\s/g, '');
    if (text[0] !== '<' || text[text.length - 1] !== '>' || !/^[0-9a-fA-F]*$/.test(hex) || !Buffer.from(hex, 'hex').equals(Buffer.from(contents.bytes))) strict = false;
  }
  if (!strict) problems.push('ByteRange 未精确排除签名值');
  if (end === size || (end < size && /^[\r\n\s\0]*$/.test((await readRange(input, end, Math.min(size - end, 64))).toString('latin1')) && size - end < 64)) {
    report.coverage = strict ? 'entire-file' : 'partial';
  } else {
    const before = (await readRange(input, Math.max(0, end - 8), Math.min(8, end))).toString('latin1');
    report.coverage = strict && /%%EOF\s*$/.test(before) ? 'entire-revision' : 'partial';
  }
  if (report.coverage === 'partial' && strict) problems.push('签名未覆盖其所在版本的全部内容');
  report.modificationsAfter = report.coverage === 'entire-file' ? 'none' : 'unknown';

  let cmsBytes = Buffer.from(contents.bytes);
  try {
    const t = readTlv(cmsBytes);
    cmsBytes = cmsBytes.subarray(0, t.end);
  } catch {
    /* BER indefinite length: pkijs copes with trailing zeros */
  }
  let parsed;
  try {
    parsed = parseCms(cmsBytes);
  } catch (e) {
    problems.push(`签名数据无法解析：${(e as Error).message}`);
    return report;
  }
  const rangesDigest = async (hashName: string) => {
    const known = hashName === 'sha256' ? digests?.get(rangeKey([a, b, c, d])) : undefined;
    if (known) return known;
    const h = createHash(hashName);
    await hashInput(input, [h], [a, b]);
    await hashInput(input, [h], [c, d]);
    return h.digest();
  };
  if (subFilter === 'ETSI.RFC3161') {
    // a document timestamp: the token's imprint is the digest of the byte ranges
    const ts = await checkTimestampToken(cmsBytes, rangesDigest, anchors);
    report.timestamp = ts.info;
    problems.push(...ts.info.problems);
    if (ts.signerCert) {
      report.signer = { subject: subjectText(ts.signerCert), serialNumber: new X509Certificate(ts.signerCert).serialNumber };
      const chain = checkChain(ts.signerCert, ts.certificates, anchors, new Date(ts.info.time));
      report.trusted = chain.trusted;
      problems.push(...chain.problems.filter((p) => !problems.includes(p)));
    }
    report.signedAt = ts.info.time || report.signedAt;
    report.intact = ts.info.intact && strict;
    return report;
  }
  const si = parsed.signerInfo;
  if (!parsed.signerCert) {
    problems.push('签名数据中没有签名证书');
    return report;
  }
  const x = new X509Certificate(parsed.signerCert);
  report.signer = { subject: subjectText(parsed.signerCert), serialNumber: x.serialNumber };
  const digestName = digestNameOf(si);
  if (!digestName) {
    problems.push('不支持的摘要算法');
    return report;
  }
  let intact = true;
  if (!si.signedAttrs) {
    // old-style: the signature is directly over the byte ranges
    const v = createVerify(digestName);
    await hashInput(input, [v], [a, b]);
    await hashInput(input, [v], [c, d]);
    let good = false;
    try {
      good = v.verify(x.publicKey, Buffer.from(si.signature.valueBlock.valueHexView));
    } catch {
      good = false;
    }
    if (!good) {
      intact = false;
      problems.push('签名值无效');
    }
  } else {
    const md = messageDigestOf(si);
    if (!md) {
      intact = false;
      problems.push('签名中没有 messageDigest 属性');
    } else if (!md.equals(await rangesDigest(digestName))) {
      intact = false;
      problems.push('文件内容在签名后被修改（摘要不一致）');
    }
    if (!signatureValid(si, parsed.signerCert)) {
      intact = false;
      problems.push('签名值无效');
    }
  }
  if (subFilter === 'ETSI.CAdES.detached' && !attribute(si, OID.signingCertificateV2) && !attribute(si, OID.signingCertificate)) {
    problems.push('缺少 signing-certificate 属性');
  }
  const tsToken = attribute(si, OID.signatureTimeStampToken, true);
  if (tsToken) {
    report.timestamp = await checkTimestamp(tsToken, Buffer.from(si.signature.valueBlock.valueHexView), anchors);
    if (!report.timestamp.intact) intact = false;
    problems.push(...report.timestamp.problems);
  }
  report.intact = intact && strict;
  const at = report.timestamp?.time ? new Date(report.timestamp.time) : (claimed ?? new Date());
  const chain = checkChain(parsed.signerCert, parsed.certificates, anchors, at);
  report.trusted = chain.trusted;
  problems.push(...chain.problems);
  return report;
}

export async function verify(input: PdfInput, opts: { trustAnchors?: Uint8Array[] } = {}): Promise<VerifyReport> {
  const reader = openPdf(input);
  try {
    if (reader.encrypted) throw new PdfSealError('PDF_ENCRYPTED', '加密文件无法验证签章');
    const fields = signatureFields(reader);
    const signatures: SignatureReport[] = [];
    // revisions and what each changed, object by object, judged once for all signatures
    const analysis = analyseDocument(reader);
    // every signature's SHA-256 in one read of the file
    const digests = await sha256OfRanges(input, fields.map((f) => byteRangeOf(reader, f.sig)).filter((br) => br !== undefined), reader.size);
    for (const f of fields) {
      const report = await checkOne(input, reader.size, reader, f, opts.trustAnchors, digests);
      applyAnalysis(analysis, f.field, f.sig, reader.size, report);
      signatures.push(report);
    }
    const ok =
      signatures.length > 0 &&
      signatures.every(
        (s) =>
          s.intact &&
          s.coverage !== 'partial' &&
          (s.modificationsAfter === 'none' || s.modificationsAfter === 'allowed') &&
          (!opts.trustAnchors || s.trusted === true),
      );
    return { ok, signatures };
  } finally {
    reader.source.close();
  }
}
