import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, digestNames } from '../cms/algorithms.ts';
import type { TimestampInfo } from '../types.ts';
import { checkChain, hashHex, messageDigestOf, parseCms, signatureValid } from './cms.ts';

export interface TokenCheck {
  info: TimestampInfo;
  signerCert?: Uint8Array;
  certificates: Uint8Array[];
}

/**
 * Checks an RFC 3161 token: its TSTInfo imprint equals `imprintOf(hash)` for the hash the token
 * names, the TSA's messageDigest covers the TSTInfo, and the TSA's signature is valid.
 */
export async function checkTimestampToken(
  der: Uint8Array,
  imprintOf: (hashName: string) => Promise<Buffer> | Buffer,
  anchors?: Uint8Array[],
): Promise<TokenCheck> {
  const problems: string[] = [];
  try {
    const parsed = parseCms(der);
    const econtent = parsed.signedData.encapContentInfo;
    if (econtent.eContentType !== OID.tstInfo || !econtent.eContent) throw new Error('时间戳中没有 TSTInfo');
    const tstDer = Buffer.from(econtent.eContent.getValue());
    const tst = new pkijs.TSTInfo({ schema: asn1js.fromBER(Uint8Array.from(tstDer)).result });
    const imprintAlg = digestNames[tst.messageImprint.hashAlgorithm.algorithmId];
    let intact = true;
    if (!imprintAlg || !(await imprintOf(imprintAlg)).equals(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView))) {
      intact = false;
      problems.push('时间戳与所盖内容不对应');
    }
    const si = parsed.signerInfo;
    const md = messageDigestOf(si);
    const dn = digestNames[si.digestAlgorithm.algorithmId];
    if (!md || !dn || !hashHex(dn, tstDer).equals(md)) {
      intact = false;
      problems.push('时间戳内容摘要不一致');
    }
    let tsa: string | null = null;
    if (!parsed.signerCert) {
      intact = false;
      problems.push('时间戳中没有签发证书');
    } else {
      tsa = new X509Certificate(parsed.signerCert).subject.split('\n').reverse().join(', ');
      if (!signatureValid(si, parsed.signerCert)) {
        intact = false;
        problems.push('时间戳签名无效');
      }
      if (anchors) problems.push(...checkChain(parsed.signerCert, parsed.certificates, anchors, tst.genTime).problems);
    }
    return { info: { time: tst.genTime.toISOString(), tsa, intact, problems }, signerCert: parsed.signerCert, certificates: parsed.certificates };
  } catch (e) {
    return { info: { time: '', tsa: null, intact: false, problems: [`时间戳无法解析：${(e as Error).message}`] }, certificates: [] };
  }
}

/** A signature timestamp (unsigned attribute): its imprint is over the signature value. */
export async function checkTimestamp(token: asn1js.AsnType, signatureValue: Uint8Array, anchors?: Uint8Array[]): Promise<TimestampInfo> {
  return (await checkTimestampToken(new Uint8Array(token.toBER(false)), (h) => hashHex(h, signatureValue), anchors)).info;
}
