// ECDSA P-256 over a digest someone else computed. Node offers no prehashed ECDSA (sign()
// always hashes its input), and a soft token is handed the digest, not the data. Plain
// BigInt arithmetic, Jacobian coordinates; not constant-time, which is acceptable for a
// PKCS#12 file on the user's own PC and the reason real keys live in tokens.
import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ecdsaRawToDer } from './der.ts';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

type J = [bigint, bigint, bigint]; // Jacobian X, Y, Z; Z = 0 is the point at infinity

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function dbl([x, y, z]: J): J {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const yy = mod(y * y, P);
  const s = mod(4n * x * yy, P);
  const zz = mod(z * z, P);
  const m = mod(3n * (x - zz) * (x + zz), P); // a = -3
  const x3 = mod(m * m - 2n * s, P);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, P), mod(2n * y * z, P)];
}

function add(p: J, q: J): J {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const z1z1 = mod(p[2] * p[2], P);
  const z2z2 = mod(q[2] * q[2], P);
  const u1 = mod(p[0] * z2z2, P);
  const u2 = mod(q[0] * z1z1, P);
  const s1 = mod(p[1] * q[2] * z2z2, P);
  const s2 = mod(q[1] * p[2] * z1z1, P);
  if (u1 === u2) return s1 === s2 ? dbl(p) : [0n, 1n, 0n];
  const h = u2 - u1;
  const r = s2 - s1;
  const hh = mod(h * h, P);
  const hhh = mod(h * hh, P);
  const v = mod(u1 * hh, P);
  const x3 = mod(r * r - hhh - 2n * v, P);
  return [x3, mod(r * (v - x3) - s1 * hhh, P), mod(p[2] * q[2] * h, P)];
}

function mulG(k: bigint): bigint {
  let acc: J = [0n, 1n, 0n];
  let pt: J = [GX, GY, 1n];
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) acc = add(acc, pt);
    pt = dbl(pt);
  }
  const zi = inv(acc[2], P);
  return mod(acc[0] * zi * zi, P);
}

const toBig = (b: Uint8Array) => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'));
const to32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');

/** DER Ecdsa-Sig-Value over a 32-byte digest with a P-256 private key. */
export function ecdsaP256SignDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.d) throw new Error('not a P-256 private key');
  const d = toBig(Buffer.from(jwk.d, 'base64url'));
  const e = toBig(digest.subarray(0, 32));
  for (;;) {
    const k = toBig(randomBytes(32));
    if (k === 0n || k >= N) continue;
    const r = mod(mulG(k), N);
    if (r === 0n) continue;
    const s = mod(inv(k, N) * (e + r * d), N);
    if (s === 0n) continue;
    return ecdsaRawToDer(Buffer.concat([to32(r), to32(s)]));
  }
}
