// The time-stamping authority: its certificate and an RFC 3161 responder function
// (TimeStampReq DER in, TimeStampResp DER out) that the server mounts at its TSA URL.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { issue, type CaMaterial, type IssuedCertificate } from './ca.ts';
import { bytes, importPkcs8, x509, type KeyAlgorithm } from './crypto.ts';

const OID_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** ETSI EN 319 421 baseline time-stamp policy (itu-t(0) identified-organization(4) etsi(0) 2023 1 1). */
export const DEFAULT_TSA_POLICY = '0.4.0.2023.1.1';

const HASH_BY_OID: Record<string, { name: string; length: number }> = {
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', length: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64 },
};

export async function issueTsaCertificate(
  ca: CaMaterial,
  p: { commonName?: string; keyAlgorithm?: KeyAlgorithm; validDays?: number; notBefore?: Date } = {},
): Promise<IssuedCertificate> {
  return issue(ca, {
    subject: [{ C: ['CN'] }, { O: ['网上办事大厅演示'] }, { CN: [p.commonName ?? 'Hall Demo TSA'] }],
    keyAlgorithm: p.keyAlgorithm ?? 'RSA',
    validDays: p.validDays ?? 1825,
    notBefore: p.notBefore,
    keyUsages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    extendedKeyUsages: [OID_TIME_STAMPING],
    extendedKeyUsageCritical: true, // RFC 3161 §2.3: the TSA certificate's only EKU, critical
  });
}

export interface TsaMaterial {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  /** Issuer chain (DER) sent along when the request asks for certificates. */
  chain?: Uint8Array[];
}

export interface ResponderOptions {
  policy?: string;
  /** Clock, for tests. */
  now?: () => Date;
}

function ab(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

// PKIFailureInfo named bits (RFC 3161 §2.4.2)
const FAIL = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15, systemFailure: 25 } as const;

function rejection(bit: number, text: string): Uint8Array {
  const nbytes = Math.floor(bit / 8) + 1;
  const v = new Uint8Array(nbytes);
  v[nbytes - 1] = 0x80 >> bit % 8;
  const failInfo = new asn1js.BitString({ valueHex: ab(v), unusedBits: 7 - (bit % 8) });
  const status = new pkijs.PKIStatusInfo({
    status: 2,
    statusStrings: [new asn1js.Utf8String({ value: text })],
    failInfo,
  });
  return bytes(new pkijs.TimeStampResp({ status }).toSchema().toBER(false));
}

/** ESSCertIDv2 with SHA-256 (the default algorithm, so omitted) and issuerSerial. */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): pkijs.Attribute {
  const hash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(hash) }), issuerSerial] });
  return new pkijs.Attribute({
    type: OID_SIGNING_CERTIFICATE_V2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

export function timestampResponder(tsa: TsaMaterial, opts: ResponderOptions = {}): (requestDer: Uint8Array) => Promise<Uint8Array> {
  const policy = opts.policy ?? DEFAULT_TSA_POLICY;
  const cert = pkijs.Certificate.fromBER(ab(tsa.certificate));
  const chain = (tsa.chain ?? []).map((c) => pkijs.Certificate.fromBER(ab(c)));
  const keyPromise = importPkcs8(tsa.privateKeyPkcs8);

  return async (requestDer: Uint8Array): Promise<Uint8Array> => {
    let req: pkijs.TimeStampReq;
    try {
      req = pkijs.TimeStampReq.fromBER(ab(requestDer));
    } catch {
      return rejection(FAIL.badRequest, 'malformed TimeStampReq');
    }
    const hash = HASH_BY_OID[req.messageImprint.hashAlgorithm.algorithmId];
    if (!hash) return rejection(FAIL.badAlg, 'unsupported hash algorithm');
    if (req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== hash.length) {
      return rejection(FAIL.badDataFormat, 'hashed message has the wrong length');
    }
    if (req.reqPolicy && req.reqPolicy !== policy) return rejection(FAIL.unacceptedPolicy, 'policy not supported');

    try {
      const serial = webcrypto.getRandomValues(new Uint8Array(16));
      serial[0] = serial[0]! & 0x7f;
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy,
        messageImprint: req.messageImprint,
        serialNumber: new asn1js.Integer({ valueHex: ab(serial) }),
        genTime: new Date(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000) * 1000),
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
        ...(req.nonce ? { nonce: req.nonce } : {}),
      });
      const tstDer = bytes(tstInfo.toSchema().toBER(false));
      const { key } = await keyPromise;
      const signed = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({
          eContentType: OID_TST_INFO,
          eContent: new asn1js.OctetString({ valueHex: ab(tstDer) }),
        }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: OID_TST_INFO })] }),
                new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: tstInfo.genTime })] }),
                new pkijs.Attribute({
                  type: OID_MESSAGE_DIGEST,
                  values: [new asn1js.OctetString({ valueHex: ab(createHash('sha256').update(tstDer).digest()) })],
                }),
                signingCertificateV2(cert, tsa.certificate),
              ],
            }),
          }),
        ],
        ...(req.certReq ? { certificates: [cert, ...chain] } : {}),
      });
      await signed.sign(key, 0, 'SHA-256');
      const token = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signed.toSchema(true) });
      const resp = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token });
      return bytes(resp.toSchema().toBER(false));
    } catch {
      return rejection(FAIL.systemFailure, 'time-stamp could not be produced');
    }
  };
}

/** A TimeStampReq for `digest` (SHA-256), as a client (and the tests) send it. */
export function createTimestampRequest(digest: Uint8Array, opts: { nonce?: Uint8Array; certReq?: boolean } = {}): Uint8Array {
  const nonce = opts.nonce ?? webcrypto.getRandomValues(new Uint8Array(8));
  const n = new Uint8Array(nonce);
  n[0] = n[0]! & 0x7f;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(n) }),
    certReq: opts.certReq ?? true,
  });
  return bytes(req.toSchema().toBER(false));
}

export type { KeyAlgorithm };
