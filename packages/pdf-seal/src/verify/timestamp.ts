import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, digestNames } from '../cms/algorithms.ts';
import type { TimestampInfo } from '../types.ts';
import { checkChain, hashHex, messageDigestOf, parseCms, signatureValid } from './cms.ts';

/** Checks a signature timestamp token: its imprint covers `signatureValue`, and its own signature. */
export function checkTimestamp(token: asn1js.AsnType, signatureValue: Uint8Array, anchors?: Uint8Array[]): TimestampInfo {
  const problems: string[] = [];
  try {
    const parsed = parseCms(new Uint8Array(token.toBER(false)));
    const econtent = parsed.signedData.encapContentInfo;
    if (econtent.eContentType !== OID.tstInfo || !econtent.eContent) throw new Error('时间戳中没有 TSTInfo');
    const tstDer = Buffer.from(econtent.eContent.getValue());
    const tst = new pkijs.TSTInfo({ schema: asn1js.fromBER(Uint8Array.from(tstDer)).result });
    const imprintAlg = digestNames[tst.messageImprint.hashAlgorithm.algorithmId];
    let intact = true;
    if (!imprintAlg || !hashHex(imprintAlg, signatureValue).equals(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView))) {
      intact = false;
      problems.push('时间戳与签名值不对应');
    }
    const si = parsed.signerInfo;
    const md = messageDigestOf(si);
    const dn = digestNames[si.digestAlgorithm.algorithmId];
    if (!md || !dn || !hashHex(dn, tstDer).equals(md)) {
      intact = false;
      problems.push('时间戳内容摘要不一致');
    }
    if (!parsed.signerCert) {
      intact = false;
      problems.push('时间戳中没有签发证书');
    } else {
      if (!signatureValid(si, parsed.signerCert)) {
        intact = false;
        problems.push('时间戳签名无效');
      }
      if (anchors) problems.push(...checkChain(parsed.signerCert, parsed.certificates, anchors, tst.genTime).problems);
    }
    let tsa: string | null = null;
    if (parsed.signerCert) {
      tsa = new X509Certificate(parsed.signerCert).subject.replace(/\n/g, ', ');
    }
    return { time: tst.genTime.toISOString(), tsa, intact, problems };
  } catch (e) {
    return { time: '', tsa: null, intact: false, problems: [`时间戳无法解析：${(e as Error).message}`] };
  }
}
