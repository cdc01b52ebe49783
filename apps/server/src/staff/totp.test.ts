import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totp } from './totp.ts';

// RFC 6238 appendix B (SHA-1 seed "12345678901234567890"), 8 digits: 94287082 at T=59 s.
describe('TOTP', () => {
  const seed = Buffer.from('12345678901234567890');
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    expect(hotp(seed, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(hotp(seed, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    expect(hotp(seed, Math.floor(1234567890 / 30), 8)).toBe('89005924');
    expect(hotp(seed, Math.floor(20000000000 / 30), 8)).toBe('65353130');
  });
  it('matches the RFC 4226 HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(seed, c))).toEqual(['755224', '287082', '359152', '520489']);
  });
  it('round-trips base32 and accepts one step of drift only', () => {
    const secret = base32Encode(seed);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret)).toEqual(seed);
    const at = 1_700_000_000_000;
    expect(matchTotp(secret, totp(secret, at - 30_000), at)).not.toBeNull();
    expect(matchTotp(secret, totp(secret, at - 90_000), at)).toBeNull();
  });
});
