// PKCS#12 files as OpenSSL 3, Java 17 keytool and PDFBox read them: PBES2 (PBKDF2-HMAC-
// SHA256, AES-256-CBC) for the key and the certificates, an HMAC-SHA256 MAC, and the same
// localKeyId on the key and its certificate so that Java pairs them into one entry.
import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytes } from './crypto.ts';

const OID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_X509_CERT = '1.2.840.113549.1.9.22.1';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

export interface Pkcs12Input {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  chain?: Uint8Array[];
  password: string;
  /** Alias shown by keytool; default "1". */
  friendlyName?: string;
  iterations?: number;
}

function ab(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

function pass(password: string): ArrayBuffer {
  return ab(new TextEncoder().encode(password));
}

function pbes2(password: string, iterations: number) {
  return {
    password: pass(password),
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  };
}

export async function exportPkcs12(input: Pkcs12Input): Promise<Uint8Array> {
  const iterations = input.iterations ?? 2048;
  const localKeyId = createHash('sha1').update(input.certificate).digest();
  const attrs = (withName: boolean) => [
    new pkijs.Attribute({ type: OID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: ab(localKeyId) })] }),
    ...(withName
      ? [new pkijs.Attribute({ type: OID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: input.friendlyName ?? '1' })] })]
      : []),
  ];

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(input.privateKeyPkcs8) });
  await keyBag.makeInternalValues(pbes2(input.password, iterations));

  const certBag = (der: Uint8Array) =>
    new pkijs.CertBag({ certId: OID_X509_CERT, certValue: new asn1js.OctetString({ valueHex: ab(der) }) });

  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        {
          privacyMode: 1,
          value: new pkijs.SafeContents({
            safeBags: [
              new pkijs.SafeBag({ bagId: OID_CERT_BAG, bagValue: certBag(input.certificate), bagAttributes: attrs(true) }),
              ...(input.chain ?? []).map((c) => new pkijs.SafeBag({ bagId: OID_CERT_BAG, bagValue: certBag(c) })),
            ],
          }),
        },
        {
          privacyMode: 0,
          value: new pkijs.SafeContents({
            safeBags: [new pkijs.SafeBag({ bagId: OID_KEY_BAG_SHROUDED, bagValue: keyBag, bagAttributes: attrs(true) })],
          }),
        },
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({ safeContents: [pbes2(input.password, iterations), {}] });

  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues({
    password: pass(input.password),
    iterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return bytes(pfx.toSchema().toBER(false));
}

export interface Pkcs12Contents {
  privateKeyPkcs8: Uint8Array;
  certificate: Uint8Array;
  /** The other certificates in the file. */
  chain: Uint8Array[];
}

export class Pkcs12PasswordError extends Error {
  constructor() {
    super('PKCS#12 password incorrect or file damaged');
    this.name = 'Pkcs12PasswordError';
  }
}

/** Reads PBES2 PKCS#12 files (what OpenSSL 3, Java and this module write). */
export async function parsePkcs12(der: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const pfx = pkijs.PFX.fromBER(ab(der));
  try {
    await pfx.parseInternalValues({ password: pass(password), checkIntegrity: true });
  } catch {
    throw new Pkcs12PasswordError();
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Error('PKCS#12 without authenticated safe');
  await safe.parseInternalValues({
    safeContents: safe.safeContents.map(() => ({ password: pass(password) })),
  });
  let key: { pkcs8: Uint8Array; id?: string } | undefined;
  const certs: { der: Uint8Array; id?: string }[] = [];
  for (const sc of safe.parsedValue?.safeContents ?? []) {
    for (const bag of sc.value.safeBags) {
      const id = bag.bagAttributes?.find((a: pkijs.Attribute) => a.type === OID_LOCAL_KEY_ID)?.values[0] as asn1js.OctetString | undefined;
      const idHex = id ? Buffer.from(id.valueBlock.valueHexView).toString('hex') : undefined;
      if (bag.bagId === OID_KEY_BAG_SHROUDED) {
        const kb = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // parseInternalValues is protected in pkijs's typings but is the documented way to decrypt
        await (kb as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: pass(password) });
        key = { pkcs8: bytes(kb.parsedValue!.toSchema().toBER(false)), id: idHex };
      } else if (bag.bagId === '1.2.840.113549.1.12.10.1.1') {
        key = { pkcs8: bytes((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)), id: idHex };
      } else if (bag.bagId === OID_CERT_BAG) {
        const cb = bag.bagValue as pkijs.CertBag;
        const der = cb.certValue instanceof asn1js.OctetString ? bytes(cb.certValue.valueBlock.valueHexView) : bytes((cb.parsedValue as pkijs.Certificate).toSchema().toBER(false));
        certs.push({ der, id: idHex });
      }
    }
  }
  if (!key) throw new Error('PKCS#12 holds no private key');
  const own = (key.id && certs.find((c) => c.id === key.id)) || certMatchingKey(certs.map((c) => c.der), key.pkcs8);
  if (!own) throw new Error('PKCS#12 holds no certificate for its key');
  const ownDer = 'der' in own ? own.der : own;
  return { privateKeyPkcs8: key.pkcs8, certificate: ownDer, chain: certs.map((c) => c.der).filter((d) => d !== ownDer) };
}

function certMatchingKey(certs: Uint8Array[], pkcs8: Uint8Array): Uint8Array | undefined {
  const pub = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }))
    .export({ format: 'der', type: 'spki' });
  return certs.find((c) => new X509Certificate(c).publicKey.export({ format: 'der', type: 'spki' }).equals(pub));
}
