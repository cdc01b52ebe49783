import { createHash, X509Certificate } from 'node:crypto';
import { concat, ctx, int, nullValue, octets, oid, seq, set, certParts } from './der.ts';
import { OID, profileFor, type KeyAlgorithm } from './algorithms.ts';

export function keyAlgorithmOf(certDer: Uint8Array): KeyAlgorithm {
  const key = new X509Certificate(certDer).publicKey;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'RSA';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ECDSA-P256';
  }
  throw new Error(`unsupported signer key ${key.asymmetricKeyType}`);
}

function algId(o: string, nullParams: boolean): Uint8Array {
  return nullParams ? seq(oid(o), nullValue()) : seq(oid(o));
}

/**
 * The DER of the signed attributes (as a SET, the form that is hashed and signed):
 * contentType, messageDigest and signing-certificate-v2. No signingTime: PAdES puts the
 * claimed time in the signature dictionary's /M.
 */
export function signedAttributes(documentDigest: Uint8Array, signerCert: Uint8Array): Uint8Array {
  const parts = certParts(signerCert);
  const certHash = createHash('sha256').update(signerCert).digest();
  // ESSCertIDv2 with the default hash algorithm (SHA-256) omitted, plus IssuerSerial
  const issuerSerial = seq(seq(ctx(4, parts.issuer.raw)), parts.serial.raw);
  const essCertIdV2 = seq(octets(certHash), issuerSerial);
  const attrs = [
    seq(oid(OID.contentType), set(oid(OID.data))),
    seq(oid(OID.messageDigest), set(octets(documentDigest))),
    seq(oid(OID.signingCertificateV2), set(seq(seq(essCertIdV2)))),
  ];
  // DER orders SET OF by encoding
  attrs.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return set(...attrs);
}

export interface AssembleInput {
  signedAttrs: Uint8Array;
  signature: Uint8Array;
  signerCert: Uint8Array;
  chain: Uint8Array[];
  keyAlgorithm: KeyAlgorithm;
  /** an RFC 3161 TimeStampToken (ContentInfo DER) over the signature value */
  timestampToken?: Uint8Array;
}

/** ContentInfo(SignedData) for a detached signature over the PDF byte ranges. */
export function assembleCms(a: AssembleInput): Uint8Array {
  const prof = profileFor(a.keyAlgorithm);
  const parts = certParts(a.signerCert);
  const digestAlg = algId(prof.digestOid, false);
  // the hashed form is a SET; inside SignerInfo it is [0] IMPLICIT with the same content
  const signedAttrsImplicit = concat([Uint8Array.of(0xa0), a.signedAttrs.subarray(1)]);
  const unsigned = a.timestampToken ? ctx(1, seq(oid(OID.signatureTimeStampToken), set(a.timestampToken))) : new Uint8Array();
  const signerInfo = seq(
    int(1),
    seq(parts.issuer.raw, parts.serial.raw),
    digestAlg,
    signedAttrsImplicit,
    algId(prof.signatureOid, prof.signatureNullParams),
    octets(a.signature),
    unsigned,
  );
  const seen = new Set<string>();
  const certs: Uint8Array[] = [];
  for (const c of [a.signerCert, ...a.chain]) {
    const k = Buffer.from(c).toString('base64');
    if (!seen.has(k)) {
      seen.add(k);
      certs.push(c);
    }
  }
  const signedData = seq(int(1), set(digestAlg), seq(oid(OID.data)), ctx(0, ...certs), set(signerInfo));
  return seq(oid(OID.signedData), ctx(0, signedData));
}
