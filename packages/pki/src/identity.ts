// Enterprise and person certificates, and reading who they name.
//
// Where the 统一社会信用代码 sits: Chinese CAs disagree (OU, serialNumber, a CN such as
// "051@单位名称@N91360200…@1", or a private extension). We ISSUE the ETSI EN 319 412-1 form:
// organizationIdentifier (2.5.4.97) = "NTRCN-<code>", with O and CN = the unit name.
// We READ every common layout: organizationIdentifier (with or without a 3-letter+CN-
// prefix), serialNumber, OU, and 18-character tokens of the CN; a candidate counts only
// when its GB 32100 check character is right, so an ID number or a random OU never passes.
//
// Person certificates: CN = name, serialNumber = "IDCCN-<居民身份证号码>" (ETSI semantics
// identifier for a national identity card); readers also accept a bare number and "PNOCN-".
import { isValidCreditCode, isValidIdNumber } from '@hall/shared/identifiers';
import { issue, type CaMaterial, type IssuedCertificate, type NameJson } from './ca.ts';
import { x509, type KeyAlgorithm } from './crypto.ts';

export const OID_ORGANIZATION_IDENTIFIER = '2.5.4.97';
const OID_SERIAL_NUMBER = '2.5.4.5';
const OID_OU = '2.5.4.11';
const OID_O = '2.5.4.10';
const OID_CN = '2.5.4.3';

const EE_USAGES = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
// clientAuth + emailProtection + Adobe's document signing; PDF validators accept these.
const EE_EKU = ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.4', '1.2.840.113583.1.1.5'];

export interface EnterpriseCertificateParams extends EndEntityParams {
  unitName: string;
  creditCode: string;
  province?: string;
  city?: string;
}

export async function issueEnterpriseCertificate(ca: CaMaterial, p: EnterpriseCertificateParams): Promise<IssuedCertificate> {
  if (!isValidCreditCode(p.creditCode)) throw new Error(`invalid 统一社会信用代码: ${p.creditCode}`);
  return issueEndEntity(ca, p, [
    { C: ['CN'] },
    ...(p.province ? [{ ST: [p.province] }] : []),
    ...(p.city ? [{ L: [p.city] }] : []),
    { O: [p.unitName] },
    { [OID_ORGANIZATION_IDENTIFIER]: [`NTRCN-${p.creditCode}`] },
    { CN: [p.unitName] },
  ]);
}

export interface PersonCertificateParams extends EndEntityParams {
  name: string;
  idNumber: string;
}

export async function issuePersonCertificate(ca: CaMaterial, p: PersonCertificateParams): Promise<IssuedCertificate> {
  if (!isValidIdNumber(p.idNumber)) throw new Error('invalid 居民身份证号码');
  return issueEndEntity(ca, p, [{ C: ['CN'] }, { [OID_SERIAL_NUMBER]: [`IDCCN-${p.idNumber.toUpperCase()}`] }, { CN: [p.name] }]);
}

export interface EndEntityParams {
  keyAlgorithm?: KeyAlgorithm;
  notBefore?: Date;
  notAfter?: Date;
  validDays?: number;
  crlUrl?: string;
  /** OCSP responder URL (Authority Information Access). */
  ocspUrl?: string;
}

function issueEndEntity(ca: CaMaterial, p: EndEntityParams, subject: NameJson): Promise<IssuedCertificate> {
  return issue(ca, {
    subject,
    keyAlgorithm: p.keyAlgorithm ?? 'RSA',
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    validDays: p.validDays,
    keyUsages: EE_USAGES,
    extendedKeyUsages: EE_EKU,
    crlUrl: p.crlUrl,
    ocspUrl: p.ocspUrl,
  });
}

function subjectFields(der: Uint8Array | x509.X509Certificate): Map<string, string[]> {
  const cert = der instanceof x509.X509Certificate ? der : new x509.X509Certificate(der);
  const out = new Map<string, string[]>();
  for (const oid of [OID_CN, OID_O, OID_OU, OID_SERIAL_NUMBER, OID_ORGANIZATION_IDENTIFIER]) {
    out.set(oid, cert.subjectName.getField(oid));
  }
  return out;
}

function stripSemanticsPrefix(v: string): string {
  return v.trim().replace(/^[A-Z]{3}CN[-:]/i, '');
}

/** CN tokens split the way CFCA-like CNs are built ("051@单位名称@代码@1"). */
function cnTokens(cn: string): string[] {
  return cn.split(/[@\s,;|]+/).filter(Boolean);
}

/** A CN token may carry a one-letter type before the code (e.g. "N9136…"). */
function codeCandidates(token: string): string[] {
  return token.length > 18 ? [token, token.slice(-18)] : [token];
}

export function enterpriseFromCertificate(der: Uint8Array | x509.X509Certificate): { unitName: string; creditCode: string } | null {
  const f = subjectFields(der);
  const candidates = [
    ...(f.get(OID_ORGANIZATION_IDENTIFIER) ?? []).map(stripSemanticsPrefix),
    ...(f.get(OID_SERIAL_NUMBER) ?? []).map(stripSemanticsPrefix),
    ...(f.get(OID_OU) ?? []).map(stripSemanticsPrefix),
    ...(f.get(OID_CN) ?? []).flatMap(cnTokens).flatMap(codeCandidates),
  ].map((v) => v.toUpperCase());
  const creditCode = candidates.find(isValidCreditCode);
  if (!creditCode) return null;
  const o = f.get(OID_O)?.[0]?.trim();
  const cn = f.get(OID_CN)?.[0]?.trim();
  const unitName =
    o ||
    (cn && cn.includes('@') ? cnTokens(cn).find((t) => /[\u4e00-\u9fff]/.test(t)) : cn) ||
    '';
  if (!unitName) return null;
  return { unitName, creditCode };
}

export function personFromCertificate(der: Uint8Array | x509.X509Certificate): { name: string; idNumber: string } | null {
  const f = subjectFields(der);
  const cn = f.get(OID_CN)?.[0]?.trim();
  const candidates = [
    ...(f.get(OID_SERIAL_NUMBER) ?? []).map(stripSemanticsPrefix),
    ...(cn ? cnTokens(cn) : []),
  ].map((v) => v.toUpperCase());
  const idNumber = candidates.find(isValidIdNumber);
  if (!idNumber || !cn) return null;
  const name = cn.includes('@') ? (cnTokens(cn).find((t) => /[\u4e00-\u9fff]/.test(t)) ?? cn) : cn;
  return { name, idNumber };
}
