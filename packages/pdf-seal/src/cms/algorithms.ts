// Algorithm identifiers, keyed by the signer's key algorithm so that a second family
// (SM2 with SM3, GB/T 38540) can be added here without touching the CMS assembly.

export type KeyAlgorithm = 'RSA' | 'ECDSA-P256';
export type DigestAlgorithm = 'SHA-256';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export interface AlgorithmProfile {
  digestOid: string;
  /** node:crypto digest name */
  digestName: string;
  signatureOid: string;
  /** whether the signature AlgorithmIdentifier carries an explicit NULL parameter */
  signatureNullParams: boolean;
}

export function profileFor(key: KeyAlgorithm): AlgorithmProfile {
  switch (key) {
    case 'RSA':
      return { digestOid: OID.sha256, digestName: 'sha256', signatureOid: OID.rsaEncryption, signatureNullParams: true };
    case 'ECDSA-P256':
      return { digestOid: OID.sha256, digestName: 'sha256', signatureOid: OID.ecdsaWithSha256, signatureNullParams: false };
    default:
      throw new Error(`unsupported key algorithm ${String(key)}`);
  }
}

export const digestNames: Record<string, string> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
  [OID.sha1]: 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};
