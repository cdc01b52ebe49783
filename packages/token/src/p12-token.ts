// A Token over a PKCS#12 file (a soft certificate). Its PIN is the file's password: signing
// decrypts the key with the PIN given for that call, so a wrong PIN fails like a wrong PIN
// on a USB key, and nothing is kept. A file has no retry counter, so triesLeft stays unknown.
//
// Seals for a soft token are PNG files in a folder beside it, "<file>.seals/<name>.png" or
// "<file>.seals/<name>@<width>mm.png" (e.g. demo.p12.seals/公章@42mm.png), or given to
// openP12Token directly.
import { constants, createHash, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Pkcs12PasswordError, parsePkcs12, type Pkcs12Contents } from '@hall/pki';
import { certKeyAlgorithm, chainFrom, keyIdOf } from './cert-info.ts';
import { sha256DigestInfo } from './der.ts';
import { ecdsaP256SignDigest } from './ecdsa-p256.ts';
import { TokenError, type Token, type TokenCertificate, type TokenSeal, type TokenStatus } from './token.ts';

export interface P12Options {
  file?: string;
  bytes?: Uint8Array;
  /** Lets the certificates be listed before any PIN is typed (they sit in an encrypted bag). */
  password?: string;
  seals?: { name: string; png: Uint8Array; widthMm?: number }[];
  /** Name shown as the token label; default the file name. */
  label?: string;
}

export function openP12Token(opts: P12Options): Token {
  if (!opts.file && !opts.bytes) throw new Error('openP12Token needs file or bytes');
  const label = opts.label ?? (opts.file ? basename(opts.file) : 'PKCS#12');
  const read = (): Uint8Array => {
    if (opts.bytes) return opts.bytes;
    if (!existsSync(opts.file!)) throw new TokenError('TOKEN_ABSENT', '未找到证书文件');
    return new Uint8Array(readFileSync(opts.file!));
  };
  const open = async (password: string): Promise<Pkcs12Contents> => {
    try {
      return await parsePkcs12(read(), password);
    } catch (e) {
      if (e instanceof Pkcs12PasswordError) throw new TokenError('PIN_INCORRECT', 'PIN 码错误');
      throw e;
    }
  };
  const describe = (c: Pkcs12Contents): TokenCertificate => ({
    id: keyIdOf(c.certificate),
    certificate: c.certificate,
    chain: chainFrom(c.certificate, c.chain),
    keyAlgorithm: certKeyAlgorithm(c.certificate),
    label,
    tokenLabel: label,
  });
  const listed = async (): Promise<TokenCertificate[]> => {
    if (opts.password === undefined) return [];
    return [describe(await open(opts.password))];
  };
  const sealFiles = (): { name: string; png: Uint8Array; widthMm?: number }[] => {
    const dir = opts.file ? `${opts.file}.seals` : undefined;
    const fromDir =
      dir && existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => extname(f).toLowerCase() === '.png')
            .sort()
            .map((f) => {
              // "<name>.png" or "<name>@<width>mm.png", e.g. 法人章@20mm.png
              const m = /^(.*?)(?:@(\d+(?:\.\d+)?)mm)?$/.exec(basename(f, extname(f)))!;
              return { name: m[1]!, widthMm: m[2] ? Number(m[2]) : undefined, png: new Uint8Array(readFileSync(join(dir, f))) };
            })
        : [];
    return [...(opts.seals ?? []), ...fromDir];
  };

  return {
    kind: 'pkcs12',
    async status(): Promise<TokenStatus[]> {
      const present = opts.bytes !== undefined || existsSync(opts.file!);
      return [{ label, manufacturer: 'PKCS#12', present }];
    },
    async certificates() {
      read(); // TOKEN_ABSENT when the file is gone
      return listed();
    },
    async seals(certificateId: string): Promise<TokenSeal[]> {
      const certs = await listed();
      if (certs.length > 0 && !certs.some((c) => c.id === certificateId.toLowerCase())) {
        throw new TokenError('BAD_REQUEST', 'CA 锁中没有该证书');
      }
      return sealFiles().map((s) => ({
        id: createHash('sha256').update(s.name).update(s.png).digest('hex').slice(0, 16),
        name: s.name,
        png: s.png,
        widthMm: s.widthMm,
      }));
    },
    async sign(certificateId, pin, digest, digestAlgorithm) {
      if (digestAlgorithm !== 'SHA-256' || digest.length !== 32) throw new TokenError('BAD_REQUEST', '摘要算法必须是 SHA-256');
      const c = await open(pin);
      if (keyIdOf(c.certificate) !== certificateId.toLowerCase()) throw new TokenError('BAD_REQUEST', 'CA 锁中没有该证书');
      const key = createPrivateKey({ key: Buffer.from(c.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
      return signDigest(key, digest);
    },
    async close() {},
  };
}

/** Sign a precomputed SHA-256 digest: RSA PKCS#1 v1.5 over DigestInfo, ECDSA P-256 as DER. */
export function signDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  if (key.asymmetricKeyType === 'rsa') {
    return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(digest)));
  }
  return ecdsaP256SignDigest(key, digest);
}
