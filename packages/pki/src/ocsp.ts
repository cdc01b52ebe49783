// RFC 6960 OCSP: a client (request for one certificate, POST, verify the signed answer) and a
// small responder function for tests and the demo. The answer is trusted only when signed by
// the certificate's own issuer or by a responder certificate that issuer gave id-kp-OCSPSigning
// (§4.2.2.2); anything else is an OcspError, never a status.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { issue, type CaMaterial, type IssuedCertificate } from './ca.ts';
import { bytes, importPkcs8, x509, type KeyAlgorithm } from './crypto.ts';

const OID_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const OID_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const HASH_NAME: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
/** Clocks of the hall and the responder may differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** An answer with no nextUpdate is taken as fresh this long after its thisUpdate. */
const MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 24 * 3600_000;

export type OcspStatus = 'good' | 'revoked' | 'unknown';

export interface OcspResult {
  status: OcspStatus;
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

/** The responder could not be reached, refused, or its answer cannot be trusted. */
export class OcspError extends Error {
  override name = 'OcspError';
}

function ab(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(ab(der));

async function certIdFor(cert: pkijs.Certificate, issuer: pkijs.Certificate, hashAlgorithm = 'SHA-1'): Promise<pkijs.CertID> {
  const id = new pkijs.CertID();
  // SHA-1 CertIDs are what every deployed responder understands (RFC 5019 §2.1.1).
  await id.createForCertificate(cert, { hashAlgorithm, issuerCertificate: issuer });
  return id;
}

function nonceExtension(nonce: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID: OID_OCSP_NONCE, extnValue: new asn1js.OctetString({ valueHex: ab(nonce) }).toBER(false) });
}

function nonceOf(extensions: pkijs.Extension[] | undefined): Uint8Array | undefined {
  const ext = extensions?.find((e) => e.extnID === OID_OCSP_NONCE);
  if (!ext) return undefined;
  const raw = new Uint8Array(ext.extnValue.valueBlock.valueHexView);
  // RFC 8954: the value is an OCTET STRING inside extnValue; some responders send the bare bytes.
  const inner = asn1js.fromBER(ab(raw));
  return inner.offset !== -1 && inner.result instanceof asn1js.OctetString ? new Uint8Array(inner.result.valueBlock.valueHexView) : raw;
}

/** An OCSPRequest (DER) for one certificate, with a fresh 32-byte nonce unless `nonce: false`. */
export async function createOcspRequest(
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: { nonce?: boolean | Uint8Array } = {},
): Promise<{ der: Uint8Array; nonce?: Uint8Array }> {
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: await certIdFor(parse(certificate), parse(issuer)) })];
  const nonce = options.nonce === false ? undefined : options.nonce instanceof Uint8Array ? options.nonce : webcrypto.getRandomValues(new Uint8Array(32));
  if (nonce) request.tbsRequest.requestExtensions = [nonceExtension(nonce)];
  return { der: bytes(request.toSchema(true).toBER(false)), nonce };
}

function hasOcspSigning(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const usages = (ext?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  return usages.includes(OID_OCSP_SIGNING);
}

/** Keys that may sign answers about the issuer's certificates: the issuer, or a responder it delegated to. */
async function authorisedSigners(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, at: Date): Promise<pkijs.Certificate[]> {
  const signers = [issuer];
  for (const cert of basic.certs ?? []) {
    if (!cert.issuer.isEqual(issuer.subject) || !hasOcspSigning(cert)) continue;
    if (cert.notBefore.value.getTime() - CLOCK_SKEW_MS > at.getTime() || cert.notAfter.value.getTime() + CLOCK_SKEW_MS < at.getTime()) continue;
    if (await cert.verify(issuer).catch(() => false)) signers.push(cert);
  }
  return signers;
}

/**
 * Checks an OCSPResponse (DER) about `certificate`: status successful, a BasicOCSPResponse signed by
 * an authorised signer, a SingleResponse for this certificate that is current at `at`, and the nonce
 * echoed when one was sent and the responder answers with one (pre-produced answers carry none).
 */
export async function readOcspResponse(
  responseDer: Uint8Array,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: { nonce?: Uint8Array; at?: Date } = {},
): Promise<OcspResult> {
  const at = options.at ?? new Date();
  let response: pkijs.OCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(ab(responseDer));
  } catch {
    throw new OcspError('OCSP response is not DER');
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new OcspError(`OCSP responder refused (responseStatus ${status})`);
  if (!response.responseBytes || response.responseBytes.responseType !== OID_OCSP_BASIC) throw new OcspError('OCSP response is not a BasicOCSPResponse');
  let basic: pkijs.BasicOCSPResponse;
  try {
    basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  } catch {
    throw new OcspError('BasicOCSPResponse is not DER');
  }

  const cert = parse(certificate);
  const issuerCert = parse(issuer);
  let signed = false;
  const engine = pkijs.getCrypto(true);
  for (const signer of await authorisedSigners(basic, issuerCert, at)) {
    // A key of another algorithm than the signature's throws rather than answering false.
    const ok = await engine
      .verifyWithPublicKey(basic.tbsResponseData.tbsView, basic.signature, signer.subjectPublicKeyInfo, basic.signatureAlgorithm)
      .catch(() => false);
    if (ok) {
      signed = true;
      break;
    }
  }
  if (!signed) throw new OcspError('OCSP response is not signed by the issuer or a responder it authorised');

  if (options.nonce) {
    const echoed = nonceOf(basic.tbsResponseData.responseExtensions);
    if (echoed && Buffer.compare(Buffer.from(echoed), Buffer.from(options.nonce)) !== 0) throw new OcspError('OCSP nonce mismatch');
  }

  for (const single of basic.tbsResponseData.responses) {
    const hash = HASH_NAME[single.certID.hashAlgorithm.algorithmId];
    if (!hash || !single.certID.isEqual(await certIdFor(cert, issuerCert, hash))) continue;
    const thisUpdate = single.thisUpdate;
    const nextUpdate = single.nextUpdate;
    if (thisUpdate.getTime() - CLOCK_SKEW_MS > at.getTime()) throw new OcspError('OCSP answer is from the future (thisUpdate)');
    const freshUntil = nextUpdate ? nextUpdate.getTime() : thisUpdate.getTime() + MAX_AGE_WITHOUT_NEXT_UPDATE_MS;
    if (freshUntil + CLOCK_SKEW_MS < at.getTime()) throw new OcspError('OCSP answer is stale (nextUpdate passed)');
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    if (tag === 0) return { status: 'good', thisUpdate, nextUpdate };
    if (tag === 1) {
      const inner = (single.certStatus as asn1js.Constructed).valueBlock.value[0];
      const revokedAt = inner instanceof asn1js.GeneralizedTime ? inner.toDate() : undefined;
      return { status: 'revoked', revokedAt, thisUpdate, nextUpdate };
    }
    return { status: 'unknown', thisUpdate, nextUpdate };
  }
  throw new OcspError('OCSP response does not answer for this certificate');
}

/** POSTs an application/ocsp-request to `url` and reads the answer (OcspError when unreachable or untrustworthy). */
export async function queryOcsp(
  url: string,
  certificate: Uint8Array,
  issuer: Uint8Array,
  options: { timeoutMs?: number; nonce?: boolean; at?: Date } = {},
): Promise<OcspResult> {
  const request = await createOcspRequest(certificate, issuer, { nonce: options.nonce ?? true });
  let body: Uint8Array;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: Buffer.from(request.der),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new OcspError(`OCSP responder ${url} unreachable: ${(err as Error).message}`);
  }
  return readOcspResponse(body, certificate, issuer, { nonce: request.nonce, at: options.at });
}

/** The http(s) OCSP URLs in the certificate's Authority Information Access extension. */
export function ocspUrlsOf(certificate: Uint8Array): string[] {
  const ext = new x509.X509Certificate(certificate).getExtension(x509.AuthorityInfoAccessExtension);
  return (ext?.ocsp ?? []).flatMap((name) => (name.type === 'url' && /^https?:\/\//i.test(name.value) ? [name.value] : []));
}

/** A delegated OCSP responder certificate: EKU id-kp-OCSPSigning and id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1). */
export async function issueOcspResponderCertificate(
  ca: CaMaterial,
  p: { commonName?: string; keyAlgorithm?: KeyAlgorithm; validDays?: number; notBefore?: Date } = {},
): Promise<IssuedCertificate> {
  return issue(ca, {
    subject: [{ C: ['CN'] }, { O: ['网上办事大厅演示'] }, { CN: [p.commonName ?? 'Hall Demo OCSP Responder'] }],
    keyAlgorithm: p.keyAlgorithm ?? 'RSA',
    validDays: p.validDays ?? 365,
    notBefore: p.notBefore,
    keyUsages: x509.KeyUsageFlags.digitalSignature,
    extendedKeyUsages: [OID_OCSP_SIGNING],
    extraExtensions: [new x509.Extension(OID_OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00]))],
  });
}

export interface OcspResponderOptions {
  /** The CA whose certificates are answered for. */
  issuer: { certificate: Uint8Array; privateKeyPkcs8: Uint8Array };
  /** A delegated responder (see issueOcspResponderCertificate); unset → the CA signs itself. */
  signer?: { certificate: Uint8Array; privateKeyPkcs8: Uint8Array };
  /** Status of a serial number (lower-case hex, as @peculiar/x509 prints it); default good. */
  statusOf?: (serialHex: string) => { status: OcspStatus; revokedAt?: Date } | undefined;
  /** How long an answer stays current (default 1 hour). */
  validityMs?: number;
  now?: () => Date;
}

function response(status: number, basic?: pkijs.BasicOCSPResponse): Uint8Array {
  const r = new pkijs.OCSPResponse();
  r.responseStatus.valueBlock.valueDec = status;
  if (basic) r.responseBytes = new pkijs.ResponseBytes({ responseType: OID_OCSP_BASIC, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) });
  return bytes(r.toSchema().toBER(false));
}

/** (OCSPRequest DER) → OCSPResponse DER. Mount with application/ocsp-request → application/ocsp-response. */
export function ocspResponder(options: OcspResponderOptions): (requestDer: Uint8Array) => Promise<Uint8Array> {
  const issuer = parse(options.issuer.certificate);
  const signerMaterial = options.signer ?? options.issuer;
  const signer = parse(signerMaterial.certificate);
  const keyPromise = importPkcs8(signerMaterial.privateKeyPkcs8);
  return async (requestDer) => {
    let request: pkijs.OCSPRequest;
    try {
      request = pkijs.OCSPRequest.fromBER(ab(requestDer));
    } catch {
      return response(1); // malformedRequest
    }
    const now = options.now?.() ?? new Date();
    const basic = new pkijs.BasicOCSPResponse();
    basic.tbsResponseData.responderID = signer.subject;
    basic.tbsResponseData.producedAt = now;
    for (const r of request.tbsRequest.requestList) {
      const hash = HASH_NAME[r.reqCert.hashAlgorithm.algorithmId];
      const own = hash ? await certIdFor(issuer, issuer, hash) : undefined; // issuer name/key hashes to compare
      const mine =
        own && Buffer.compare(Buffer.from(own.issuerNameHash.valueBlock.valueHexView), Buffer.from(r.reqCert.issuerNameHash.valueBlock.valueHexView)) === 0;
      const serial = Buffer.from(r.reqCert.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/, '');
      const known = mine ? (options.statusOf?.(serial) ?? { status: 'good' as const }) : { status: 'unknown' as const };
      const single = new pkijs.SingleResponse({ certID: r.reqCert, thisUpdate: now, nextUpdate: new Date(now.getTime() + (options.validityMs ?? 3600_000)) });
      single.certStatus =
        known.status === 'good'
          ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, lenBlock: { length: 1 } })
          : known.status === 'revoked'
            ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: known.revokedAt ?? now })] })
            : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, lenBlock: { length: 1 } });
      basic.tbsResponseData.responses.push(single);
    }
    const nonce = nonceOf(request.tbsRequest.requestExtensions);
    if (nonce) basic.tbsResponseData.responseExtensions = [nonceExtension(nonce)];
    if (options.signer) basic.certs = [signer];
    const { key } = await keyPromise;
    await basic.sign(key as unknown as Parameters<pkijs.BasicOCSPResponse['sign']>[0], 'SHA-256');
    return response(0, basic);
  };
}
