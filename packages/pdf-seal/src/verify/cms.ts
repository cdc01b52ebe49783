import { createHash, verify as nodeVerify, X509Certificate, constants } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, digestNames } from '../cms/algorithms.ts';

export interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  certificates: Uint8Array[];
  signerCert?: Uint8Array;
}

export function parseCms(der: Uint8Array): ParsedCms {
  const asn = asn1js.fromBER(Uint8Array.from(der));
  if (asn.offset === -1) throw new Error('CMS 数据无法解析');
  const ci = new pkijs.ContentInfo({ schema: asn.result });
  if (ci.contentType !== OID.signedData) throw new Error('CMS 不是 SignedData');
  const signedData = new pkijs.SignedData({ schema: ci.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('CMS 中没有签名者');
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const certificates = certs.map((c) => new Uint8Array(c.toSchema().toBER(false)));
  let signerCert: Uint8Array | undefined;
  const sid = signerInfo.sid as unknown;
  certs.forEach((c, i) => {
    if (signerCert) return;
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      if (c.issuer.isEqual(sid.issuer) && Buffer.from(c.serialNumber.valueBlock.valueHexView).equals(Buffer.from(sid.serialNumber.valueBlock.valueHexView))) signerCert = certificates[i];
    } else if (sid instanceof asn1js.Primitive) {
      const spki = c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
      if (Buffer.from(createHash('sha1').update(spki).digest()).equals(Buffer.from(sid.valueBlock.valueHexView))) signerCert = certificates[i];
    }
  });
  return { signedData, signerInfo, certificates, signerCert };
}

export function attribute(si: pkijs.SignerInfo, type: string, unsigned = false): asn1js.AsnType | undefined {
  const attrs = unsigned ? si.unsignedAttrs : si.signedAttrs;
  return attrs?.attributes.find((a) => a.type === type)?.values[0];
}

export function digestNameOf(si: pkijs.SignerInfo): string | undefined {
  return digestNames[si.digestAlgorithm.algorithmId];
}

/** Checks the signer's signature over the signed attributes with the signer certificate's key. */
export function signatureValid(si: pkijs.SignerInfo, cert: Uint8Array): boolean {
  if (!si.signedAttrs) return false;
  const data = Buffer.from(si.signedAttrs.encodedValue);
  const hash = digestNameOf(si);
  const key = new X509Certificate(cert).publicKey;
  const sig = Buffer.from(si.signature.valueBlock.valueHexView);
  const alg = si.signatureAlgorithm.algorithmId;
  try {
    if (alg === OID.rsaPss) {
      return nodeVerify(hash ?? 'sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
    }
    const sigHash =
      { '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512', '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512', '1.2.840.113549.1.1.5': 'sha1' }[alg] ??
      hash;
    if (!sigHash) return false;
    return nodeVerify(sigHash, data, key, sig);
  } catch {
    return false;
  }
}

export function messageDigestOf(si: pkijs.SignerInfo): Buffer | undefined {
  const v = attribute(si, OID.messageDigest);
  return v instanceof asn1js.OctetString ? Buffer.from(v.valueBlock.valueHexView) : undefined;
}

export interface ChainResult {
  trusted: boolean | null;
  problems: string[];
}

/** Builds a path from the signer to one of the anchors, using the CMS's own certificates. */
export function checkChain(signer: Uint8Array, pool: Uint8Array[], anchors: Uint8Array[] | undefined, at: Date): ChainResult {
  const problems: string[] = [];
  const inDate = (c: X509Certificate) => at >= new Date(c.validFrom) && at <= new Date(c.validTo);
  let cur = new X509Certificate(signer);
  if (!inDate(cur)) problems.push('签名时签名证书不在有效期内');
  if (!anchors) return { trusted: null, problems };
  const anchorCerts = anchors.map((a) => new X509Certificate(a));
  const poolCerts = pool.map((p) => new X509Certificate(p));
  for (let depth = 0; depth < 10; depth++) {
    if (anchorCerts.some((a) => a.raw.equals(cur.raw))) return { trusted: true, problems };
    const issuedBy = (c: X509Certificate) => {
      try {
        return cur.checkIssued(c) && cur.verify(c.publicKey);
      } catch {
        return false;
      }
    };
    const anchor = anchorCerts.find(issuedBy);
    if (anchor) return { trusted: true, problems };
    const next = poolCerts.find((c) => !c.raw.equals(cur.raw) && issuedBy(c));
    if (!next) break;
    if (!inDate(next)) problems.push(`证书 ${next.subject.replace(/\n/g, ', ')} 不在有效期内`);
    cur = next;
  }
  problems.push('证书链无法追溯到受信任的根证书');
  return { trusted: false, problems };
}

export const hashHex = (name: string, data: Uint8Array) => createHash(name).update(data).digest();
