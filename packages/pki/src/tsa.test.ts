import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createRootCa } from './ca.ts';
import { createTimestampRequest, issueTsaCertificate, timestampResponder } from './tsa.ts';

const ab = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

describe('RFC 3161 responder', async () => {
  const root = await createRootCa({ commonName: 'TSA Root' });
  const tsa = await issueTsaCertificate(root, { keyAlgorithm: 'ECDSA-P256' });
  const fixed = new Date('2026-03-01T08:00:00Z');
  const respond = timestampResponder(tsa, { now: () => fixed });

  it('answers with a signed TSTInfo over the imprint, nonce echoed, ESSCertIDv2 present', async () => {
    const content = Buffer.from('文件内容');
    const digest = createHash('sha256').update(content).digest();
    const nonce = new Uint8Array([0x12, 0x34, 0x56, 0x78]);
    const resp = pkijs.TimeStampResp.fromBER(ab(await respond(createTimestampRequest(digest, { nonce }))));
    expect(resp.status.status).toBe(0);
    const signed = new pkijs.SignedData({ schema: resp.timeStampToken!.content });
    const tst = pkijs.TSTInfo.fromBER((signed.encapContentInfo.eContent as asn1js.OctetString).getValue());
    expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest)).toBe(true);
    expect(Buffer.from(tst.nonce!.valueBlock.valueHexView)).toEqual(Buffer.from(nonce));
    expect(tst.genTime.getTime()).toBe(fixed.getTime());
    expect(signed.certificates).toHaveLength(2);
    const attrs = signed.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type);
    expect(attrs).toContain('1.2.840.113549.1.9.16.2.47');
    // pkijs re-hashes the stamped data and compares it with the imprint as part of verify
    const ok = await signed.verify({ signer: 0, checkChain: false, extendedMode: true, data: ab(content) });
    expect(ok.signatureVerified).toBe(true);
  });

  it('rejects an unsupported hash algorithm with a PKIStatus, not an exception', async () => {
    const req = pkijs.TimeStampReq.fromBER(ab(createTimestampRequest(new Uint8Array(32))));
    req.messageImprint.hashAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.2.5' }); // MD5
    const resp = pkijs.TimeStampResp.fromBER(ab(await respond(new Uint8Array(req.toSchema().toBER(false)))));
    expect(resp.status.status).toBe(2);
    expect(resp.timeStampToken).toBeUndefined();
    const garbage = pkijs.TimeStampResp.fromBER(ab(await respond(new Uint8Array([1, 2, 3]))));
    expect(garbage.status.status).toBe(2);
  });
});
