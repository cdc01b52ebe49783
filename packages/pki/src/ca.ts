// Certificate authorities and the one issuing routine every certificate kind goes through.
import {
  exportPkcs8,
  generateKeyPair,
  importPkcs8,
  randomSerial,
  signingAlgorithm,
  toPem,
  x509,
  type KeyAlgorithm,
} from './crypto.ts';

export interface CaMaterial {
  certificate: Uint8Array; // DER
  privateKeyPkcs8: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
  /** Certificates above this CA (DER), nearest first; empty for a root. */
  chain: Uint8Array[];
  /** Where relying parties fetch this CA's CRL (written into the certificates it issues). */
  crlUrl?: string;
  /** The CA certificate in PEM. */
  pem(): string;
}

export interface IssuedCertificate {
  certificate: Uint8Array; // DER
  privateKeyPkcs8: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
  /** Issuer chain (DER), nearest first, root included; the subject's own certificate excluded. */
  chain: Uint8Array[];
}

export type NameJson = Array<Record<string, string[]>>;

export interface IssueParams {
  subject: NameJson;
  keyAlgorithm: KeyAlgorithm;
  notBefore?: Date;
  notAfter?: Date;
  validDays?: number;
  isCa?: boolean;
  pathLength?: number;
  keyUsages: number;
  extendedKeyUsages?: string[];
  extendedKeyUsageCritical?: boolean;
  crlUrl?: string;
  /** OCSP responder URL written into Authority Information Access. */
  ocspUrl?: string;
  extraExtensions?: x509.Extension[];
}

const DAY = 86_400_000;

export function caMaterial(
  certificate: Uint8Array,
  privateKeyPkcs8: Uint8Array,
  keyAlgorithm: KeyAlgorithm,
  chain: Uint8Array[],
  crlUrl?: string,
): CaMaterial {
  return { certificate, privateKeyPkcs8, keyAlgorithm, chain, crlUrl, pem: () => new x509.X509Certificate(certificate).toString('pem') };
}

/** Issue a certificate for a fresh key; `issuer` undefined = self-signed. */
export async function issue(issuer: CaMaterial | undefined, p: IssueParams): Promise<IssuedCertificate> {
  const keys = await generateKeyPair(p.keyAlgorithm);
  const notBefore = p.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const notAfter = p.notAfter ?? new Date(notBefore.getTime() + (p.validDays ?? 365) * DAY);
  const subject = new x509.Name(p.subject);

  let issuerName = subject;
  let signingKey = keys.privateKey;
  let signAlg = p.keyAlgorithm;
  let issuerCert: x509.X509Certificate | undefined;
  if (issuer) {
    issuerCert = new x509.X509Certificate(issuer.certificate);
    issuerName = new x509.Name(issuerCert.subjectName.toArrayBuffer());
    const imported = await importPkcs8(issuer.privateKeyPkcs8);
    signingKey = imported.key;
    signAlg = imported.algorithm;
  }

  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(p.isCa ?? false, p.isCa ? p.pathLength : undefined, true),
    new x509.KeyUsagesExtension(p.keyUsages, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (issuerCert) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuerCert));
  else extensions.push(await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey));
  if (p.extendedKeyUsages?.length) {
    extensions.push(new x509.ExtendedKeyUsageExtension(p.extendedKeyUsages, p.extendedKeyUsageCritical ?? false));
  }
  const crlUrl = p.crlUrl ?? issuer?.crlUrl;
  if (crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([crlUrl]));
  if (p.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [p.ocspUrl] }));
  extensions.push(...(p.extraExtensions ?? []));

  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: issuerName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: signingAlgorithm(signAlg),
    extensions,
  });
  return {
    certificate: new Uint8Array(cert.rawData),
    privateKeyPkcs8: await exportPkcs8(keys.privateKey),
    keyAlgorithm: p.keyAlgorithm,
    chain: issuer ? [issuer.certificate, ...issuer.chain] : [],
  };
}

export interface CaParams {
  commonName: string;
  organization?: string;
  keyAlgorithm?: KeyAlgorithm;
  validDays?: number;
  notBefore?: Date;
  /** URL of the CRL this CA will publish; certificates it issues point there. */
  crlUrl?: string;
}

function caSubject(p: CaParams): NameJson {
  return [{ C: ['CN'] }, ...(p.organization ? [{ O: [p.organization] }] : []), { CN: [p.commonName] }];
}

const CA_USAGES = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature;

async function createCa(issuer: CaMaterial | undefined, p: CaParams, defaultDays: number): Promise<CaMaterial> {
  const alg = p.keyAlgorithm ?? 'RSA';
  const r = await issue(issuer, {
    subject: caSubject(p),
    keyAlgorithm: alg,
    validDays: p.validDays ?? defaultDays,
    notBefore: p.notBefore,
    isCa: true,
    pathLength: issuer ? 0 : undefined,
    keyUsages: CA_USAGES,
  });
  return caMaterial(r.certificate, r.privateKeyPkcs8, alg, r.chain, p.crlUrl);
}

export function createRootCa(p: CaParams): Promise<CaMaterial> {
  return createCa(undefined, p, 3650);
}

/** A CA under `root` that issues end-entity certificates only (pathLength 0). */
export function createIssuingCa(root: CaMaterial, p: CaParams): Promise<CaMaterial> {
  return createCa(root, p, 1825);
}

/** The PEM of several certificates, e.g. a trust-anchor file. */
export function pemBundle(certs: Uint8Array[]): string {
  return certs.map((c) => toPem(c)).join('');
}
