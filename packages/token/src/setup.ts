// Setting tokens up: a SoftHSM2 token for tests and demos, and putting a key, its
// certificate, its CA certificates and seal images onto any PKCS#11 token.
import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pkcs11js from 'pkcs11js';
import { parsePkcs12 } from '@hall/pki';
import { keyIdOf } from './cert-info.ts';
import { SEAL_APPLICATION, sealLabel, withModule, type Pkcs11Options } from './pkcs11-token.ts';
import { TokenError } from './token.ts';

const run = promisify(execFile);

export const SOFTHSM2_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  module: string;
  /** The SoftHSM2 configuration file; set SOFTHSM2_CONF to it (or pass `env`). */
  conf: string;
  tokenDir: string;
  label: string;
  env: { SOFTHSM2_CONF: string };
}

/** Writes `dir/softhsm2.conf` (file object store in `dir/tokens`) unless present. */
export function softHsmConf(dir: string): { conf: string; tokenDir: string } {
  const abs = resolve(dir);
  const tokenDir = join(abs, 'tokens');
  const conf = join(abs, 'softhsm2.conf');
  mkdirSync(tokenDir, { recursive: true });
  if (!existsSync(conf)) {
    writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  }
  return { conf, tokenDir };
}

export async function createSoftHsmToken(p: { dir: string; label: string; soPin: string; pin: string }): Promise<SoftHsmToken> {
  const { conf, tokenDir } = softHsmConf(p.dir);
  await run('softhsm2-util', ['--init-token', '--free', '--label', p.label, '--so-pin', p.soPin, '--pin', p.pin], {
    env: { ...process.env, SOFTHSM2_CONF: conf },
  });
  return { module: SOFTHSM2_MODULE, conf, tokenDir, label: p.label, env: { SOFTHSM2_CONF: conf } };
}

type Template = pkcs11js.Template;

function loggedIn<T>(opts: Pkcs11Options & { tokenLabel: string }, pin: string, fn: (lib: pkcs11js.PKCS11, session: Buffer) => T): Promise<T> {
  return withModule(opts, (lib) => {
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === opts.tokenLabel);
    if (!slot) throw new TokenError('TOKEN_ABSENT', `token ${opts.tokenLabel} not found`);
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    try {
      lib.C_Login(session, pkcs11js.CKU_USER, pin);
      try {
        return fn(lib, session);
      } finally {
        lib.C_Logout(session);
      }
    } finally {
      lib.C_CloseSession(session);
    }
  });
}

const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
const b64u = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

function keyTemplates(pkcs8: Uint8Array, id: Buffer, label: string): { priv: Template; pub: Template } {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const jwk = key.export({ format: 'jwk' });
  const common = [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: Buffer.from(label) },
  ];
  const privCommon = [
    ...common,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
  ];
  const pubCommon = [
    ...common,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_VERIFY, value: true },
  ];
  if (jwk.kty === 'RSA') {
    return {
      priv: [
        ...privCommon,
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
        { type: pkcs11js.CKA_MODULUS, value: b64u(jwk.n) },
        { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64u(jwk.e) },
        { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b64u(jwk.d) },
        { type: pkcs11js.CKA_PRIME_1, value: b64u(jwk.p) },
        { type: pkcs11js.CKA_PRIME_2, value: b64u(jwk.q) },
        { type: pkcs11js.CKA_EXPONENT_1, value: b64u(jwk.dp) },
        { type: pkcs11js.CKA_EXPONENT_2, value: b64u(jwk.dq) },
        { type: pkcs11js.CKA_COEFFICIENT, value: b64u(jwk.qi) },
      ],
      pub: [
        ...pubCommon,
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
        { type: pkcs11js.CKA_MODULUS, value: b64u(jwk.n) },
        { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64u(jwk.e) },
      ],
    };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    const point = Buffer.concat([Buffer.from([0x04]), b64u(jwk.x), b64u(jwk.y)]);
    return {
      priv: [
        ...privCommon,
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
        { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS },
        { type: pkcs11js.CKA_VALUE, value: b64u(jwk.d) },
      ],
      pub: [
        ...pubCommon,
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
        { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS },
        // CKA_EC_POINT is the DER OCTET STRING holding the uncompressed point
        { type: pkcs11js.CKA_EC_POINT, value: Buffer.concat([Buffer.from([0x04]), derLength(point.length), point]) },
      ],
    };
  }
  throw new Error(`unsupported key type ${jwk.kty ?? '?'}`);
}

function certTemplate(der: Uint8Array, id: Buffer, label: string, authority: boolean): Template {
  const x = new X509Certificate(der);
  const raw = x.raw;
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: Buffer.from(label) },
    { type: pkcs11js.CKA_VALUE, value: Buffer.from(raw) },
    { type: pkcs11js.CKA_SUBJECT, value: subjectDer(raw) },
    { type: pkcs11js.CKA_CERTIFICATE_CATEGORY, value: authority ? 2 : 1 },
  ];
}

/** The DER subject Name inside a certificate (TBSCertificate's 6th element, after the optional version). */
function subjectDer(cert: Buffer): Buffer {
  const read = (buf: Buffer, off: number): { start: number; len: number; hdr: number } => {
    let len = buf[off + 1]!;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i]!;
      hdr = 2 + n;
    }
    return { start: off, len, hdr };
  };
  const certSeq = read(cert, 0);
  const tbs = read(cert, certSeq.hdr);
  let off = tbs.start + tbs.hdr;
  const elements: { start: number; end: number }[] = [];
  while (elements.length < 7) {
    const e = read(cert, off);
    elements.push({ start: off, end: off + e.hdr + e.len });
    off += e.hdr + e.len;
  }
  const hasVersion = cert[elements[0]!.start] === 0xa0;
  const subject = elements[hasVersion ? 5 : 4]!;
  return cert.subarray(subject.start, subject.end);
}

export interface ImportP12Params extends Pkcs11Options {
  tokenLabel: string;
  pin: string;
  p12: Uint8Array | string; // bytes or file path
  password: string;
  /** CKA_LABEL of the key and certificate; default the certificate's CN. */
  label?: string;
}

/** Puts a PKCS#12's key, certificate and CA certificates on a token; returns the CKA_ID (hex). */
export async function importP12IntoPkcs11(p: ImportP12Params): Promise<string> {
  const bytes = typeof p.p12 === 'string' ? new Uint8Array(readFileSync(p.p12)) : p.p12;
  const c = await parsePkcs12(bytes, p.password);
  const idHex = keyIdOf(c.certificate);
  const id = Buffer.from(idHex, 'hex');
  const cn = /CN=([^\n]+)/.exec(new X509Certificate(c.certificate).subject)?.[1] ?? 'key';
  const label = p.label ?? cn;
  const { priv, pub } = keyTemplates(c.privateKeyPkcs8, id, label);
  await loggedIn(p, p.pin, (lib, session) => {
    lib.C_CreateObject(session, priv);
    lib.C_CreateObject(session, pub);
    lib.C_CreateObject(session, certTemplate(c.certificate, id, label, false));
    for (const ca of c.chain) {
      const caCn = /CN=([^\n]+)/.exec(new X509Certificate(ca).subject)?.[1] ?? 'CA';
      lib.C_CreateObject(session, certTemplate(ca, Buffer.from(keyIdOf(ca), 'hex'), caCn, true));
    }
  });
  return idHex;
}

export interface AddSealParams extends Pkcs11Options {
  tokenLabel: string;
  pin: string;
  name: string;
  png: Uint8Array;
  /** Bind the seal to this certificate (CKA_ID hex); default: all certificates of the token. */
  certificateId?: string;
  widthMm?: number;
}

export async function addSealToPkcs11(p: AddSealParams): Promise<void> {
  await loggedIn(p, p.pin, (lib, session) => {
    lib.C_CreateObject(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_DATA },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: false },
      { type: pkcs11js.CKA_APPLICATION, value: Buffer.from(SEAL_APPLICATION) },
      { type: pkcs11js.CKA_LABEL, value: Buffer.from(sealLabel(p.name, p.certificateId, p.widthMm)) },
      { type: pkcs11js.CKA_VALUE, value: Buffer.from(p.png) },
    ]);
  });
}
