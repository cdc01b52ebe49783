import { randomBytes } from 'node:crypto';
import { bool, children, int, octets, oid, readTlv, seq, nullValue } from './der.ts';
import { OID } from './algorithms.ts';
import { PdfSealError } from '../errors.ts';

/** An RFC 3161 TimeStampReq for a SHA-256 message imprint, asking for the TSA certificate. */
export function timestampRequest(imprint: Uint8Array, nonce = randomBytes(8)): Uint8Array {
  return seq(int(1), seq(seq(oid(OID.sha256), nullValue()), octets(imprint)), int(nonce), bool(true));
}

/** Extracts the TimeStampToken (ContentInfo) from a TimeStampResp, refusing rejections. */
export function tokenFromResponse(resp: Uint8Array): Uint8Array {
  const top = children(readTlv(resp));
  const status = children(top[0]);
  const code = status[0] ? Number(Buffer.from(status[0].content).readUIntBE(0, status[0].content.length)) : -1;
  if (code !== 0 && code !== 1) throw new Error(`TSA refused the request (status ${code})`);
  if (!top[1]) throw new Error('TSA response has no token');
  return top[1].raw;
}

/** Asks a timestamp authority (HTTP POST application/timestamp-query) for a token over `data`'s digest. */
export async function fetchTimestamp(url: string, imprint: Uint8Array, timeoutMs = 20000): Promise<Uint8Array> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(timestampRequest(imprint)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return tokenFromResponse(new Uint8Array(await res.arrayBuffer()));
  } catch (e) {
    throw new PdfSealError('SIGNING_FAILED', '时间戳服务不可用', { cause: e });
  }
}
