// Alibaba Cloud RPC API signature, version 1.0 (HMAC-SHA1), as its documentation
// ("签名机制", RPC style) describes it: percent-encode names and values per RFC 3986 (space
// %20, * %2A, ~ kept), sort by name, join with & and =, then
// StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalQuery),
// Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
import { createHmac } from 'node:crypto';

export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}
