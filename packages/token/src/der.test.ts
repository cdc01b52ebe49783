import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecdsaRawToDer, sha256DigestInfo } from './der.ts';
import { ecdsaP256SignDigest } from './ecdsa-p256.ts';

describe('DER around token signatures', () => {
  it('encodes r‖s as SEQUENCE of two positive INTEGERs', () => {
    const r = Buffer.alloc(32, 0);
    r[31] = 5;
    const s = Buffer.alloc(32, 0xff);
    expect(Buffer.from(ecdsaRawToDer(Buffer.concat([r, s]))).toString('hex')).toBe('3026020105022100' + 'ff'.repeat(32));
  });

  it('wraps a SHA-256 digest in DigestInfo', () => {
    const d = Buffer.alloc(32, 1);
    expect(sha256DigestInfo(d).toString('hex')).toBe('3031300d060960864801650304020105000420' + '01'.repeat(32));
    expect(() => sha256DigestInfo(Buffer.alloc(20))).toThrow();
  });

  it('signs a precomputed digest with P-256 so that node verifies it over the data', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 5; i++) {
      const data = Buffer.from(`message ${i}`);
      const sig = ecdsaP256SignDigest(privateKey, createHash('sha256').update(data).digest());
      expect(verify('sha256', data, publicKey, sig)).toBe(true);
      expect(verify('sha256', Buffer.from('other'), publicKey, sig)).toBe(false);
    }
  });
});
