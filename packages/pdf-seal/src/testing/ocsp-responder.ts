// A minimal OCSP responder for tests: answers "good" for every certificate asked about,
// signed by the CA itself (RFC 6960 §4.2.2.2 allows the issuing CA as responder).
import type { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export function ocspResponder(caCertificate: Uint8Array, caKey: webcrypto.CryptoKey) {
  return async (requestDer: Uint8Array): Promise<Uint8Array> => {
    const request = pkijs.OCSPRequest.fromBER(Uint8Array.from(requestDer));
    const ca = pkijs.Certificate.fromBER(Uint8Array.from(caCertificate));
    const basic = new pkijs.BasicOCSPResponse();
    basic.tbsResponseData.responderID = ca.subject;
    basic.tbsResponseData.producedAt = new Date();
    for (const r of request.tbsRequest.requestList) {
      const single = new pkijs.SingleResponse();
      single.certID = r.reqCert;
      single.certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, lenBlock: { length: 1 } }); // good
      single.thisUpdate = new Date();
      basic.tbsResponseData.responses.push(single);
    }
    basic.certs = [ca];
    await basic.sign(caKey as unknown as Parameters<pkijs.BasicOCSPResponse['sign']>[0], 'SHA-256');
    const response = new pkijs.OCSPResponse();
    response.responseStatus.valueBlock.valueDec = 0;
    response.responseBytes = new pkijs.ResponseBytes({
      responseType: '1.3.6.1.5.5.7.48.1.1',
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    });
    return new Uint8Array(response.toSchema().toBER(false));
  };
}
