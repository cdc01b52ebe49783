// pdf-seal's verify report → what the signature panel shows: the signer's unit and credit code
// read from the certificate subject, and each signature's verdict in one line of plain Chinese.
import type { SignatureReport, VerifyReport } from '@hall/pdf-seal';
import { isValidCreditCode } from '@hall/shared/identifiers';
import type { SignatureCheck, VerifyResult } from '@hall/shared/schemas/sealing';

/** "C=CN, O=单位, 2.5.4.97=NTRCN-913…, CN=单位" → its attributes (values may not hold ", "). */
function attributes(subject: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of subject.split(/,\s*(?=[A-Za-z0-9.]+=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && !out.has(part.slice(0, eq).trim())) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export function signerOf(subject: string): { commonName: string | null; unitName: string | null; creditCode: string | null } {
  const a = attributes(subject);
  const commonName = a.get('CN') ?? null;
  const candidates = [a.get('2.5.4.97'), a.get('organizationIdentifier'), a.get('serialNumber'), a.get('OU'), ...(commonName ?? '').split(/[@\s]/)];
  let creditCode: string | null = null;
  for (const c of candidates) {
    const code = c?.replace(/^[A-Z]{3}CN-/, '');
    if (code && code.length === 18 && isValidCreditCode(code)) {
      creditCode = code;
      break;
    }
  }
  return { commonName, unitName: a.get('O') ?? commonName, creditCode };
}

export function isValidSignature(s: SignatureReport): boolean {
  return s.intact && s.coverage !== 'partial' && (s.modificationsAfter === 'none' || s.modificationsAfter === 'allowed');
}

export function summarise(s: SignatureReport): string {
  if (!s.intact) return '签章无效：签章后文件内容被篡改或签名数据损坏';
  if (s.coverage === 'partial') return '签章无效：签名未覆盖文件的全部内容';
  const changes =
    s.modificationsAfter === 'none'
      ? '签章后文件未被修改'
      : s.modificationsAfter === 'allowed'
        ? '签章后文件有修改，但属于允许的修改（如他人追加盖章、签名）'
        : s.modificationsAfter === 'disallowed'
          ? '签章后文件被修改过，且修改不被允许'
          : '签章后文件被修改过，无法判断修改是否允许';
  const trust = s.trusted === true ? '证书可信' : s.trusted === false ? '证书不可信（不是由受信任的 CA 机构签发）' : '未检查证书是否可信';
  const verdict = isValidSignature(s) ? '签章有效' : s.modificationsAfter === 'disallowed' ? '签章无效' : '签章存疑';
  return `${verdict}：${changes}；${trust}`;
}

export function describeReport(report: VerifyReport): VerifyResult {
  const signatures: SignatureCheck[] = report.signatures.map((s) => ({
    field: s.field,
    signer: s.signer ? { ...s.signer, ...signerOf(s.signer.subject) } : null,
    signedAt: s.signedAt,
    intact: s.intact,
    coverage: s.coverage,
    modificationsAfter: s.modificationsAfter,
    trusted: s.trusted,
    timestamp: s.timestamp,
    problems: s.problems,
    summary: summarise(s),
    valid: isValidSignature(s),
  }));
  return { ok: signatures.length > 0 && signatures.every((s) => s.valid && s.trusted !== false), signatures };
}
