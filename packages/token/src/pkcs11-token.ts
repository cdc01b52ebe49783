// A Token over any vendor's PKCS#11 module (SoftHSM2 in tests).
//
// The module is initialised for each operation and finalised after it, so that a key
// pulled out (or a token directory removed) shows at the next request, as the vendor
// client behaves. Operations on one module run one at a time: C_Initialize is process-wide.
//
// Seals on the token: CKO_DATA objects with CKA_APPLICATION "hall-seal", CKA_VALUE the PNG,
// and CKA_LABEL "seal:<name>[;cert=<CKA_ID hex>][;mm=<width>]", e.g. "seal:公章;cert=ab12…;mm=42".
// Without ";cert=" a seal belongs to every certificate on the token. Data objects carry no
// CKA_ID in PKCS#11, hence the link in the label. They are public (CKA_PRIVATE false) so the
// page can show seals before the PIN.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pkcs11js from 'pkcs11js';
import { certKeyAlgorithm, chainFrom, isCaCertificate } from './cert-info.ts';
import { ecdsaRawToDer, sha256DigestInfo } from './der.ts';
import { TokenError, type Token, type TokenCertificate, type TokenSeal, type TokenStatus } from './token.ts';

export const SEAL_APPLICATION = 'hall-seal';

export interface Pkcs11Options {
  /** Path of the vendor's PKCS#11 library (.so / .dll). */
  module: string;
  /** Use only the token with this label; default every token present. */
  tokenLabel?: string;
  /** Environment for the module, set before each C_Initialize (e.g. SOFTHSM2_CONF). */
  env?: Record<string, string>;
}

type P11 = pkcs11js.PKCS11;
type Handle = pkcs11js.Handle;

interface Loaded {
  lib: P11;
  queue: Promise<unknown>;
}
const loaded = new Map<string, Loaded>();

function absent(message = '未检测到 CA 锁，请插入 CA 锁'): TokenError {
  return new TokenError('TOKEN_ABSENT', message);
}

function load(module: string): Loaded {
  let l = loaded.get(module);
  if (!l) {
    if (!existsSync(module)) throw absent('未找到 CA 锁驱动，请安装 CA 数字证书驱动');
    const lib = new pkcs11js.PKCS11();
    try {
      lib.load(module);
    } catch {
      throw absent('CA 锁驱动无法加载，请重新安装 CA 数字证书驱动');
    }
    l = { lib, queue: Promise.resolve() };
    loaded.set(module, l);
  }
  return l;
}

function isP11Error(e: unknown, name: string): boolean {
  return e instanceof Error && e.message === name;
}

/** Run `fn` with the module initialised, one caller at a time per module. */
export async function withModule<T>(opts: Pkcs11Options, fn: (lib: P11) => T): Promise<T> {
  const l = load(opts.module);
  const run = async (): Promise<T> => {
    // The module reads its environment in C_Initialize; put back what was there after, so
    // that tokens with different settings in one process do not leak into each other.
    const saved = Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]] as const);
    for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
    try {
      try {
        l.lib.C_Initialize();
      } catch (e) {
        if (!isP11Error(e, 'CKR_CRYPTOKI_ALREADY_INITIALIZED')) throw absent();
      }
      try {
        return fn(l.lib);
      } finally {
        try {
          l.lib.C_Finalize();
        } catch {
          // finalising a module that lost its token is not our failure to report
        }
      }
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const p = l.queue.then(run, run);
  l.queue = p.catch(() => undefined);
  return p;
}

const trimmed = (s: string) => s.replace(/[\s\0]+$/, '');

interface Slot {
  slot: Handle;
  label: string;
  manufacturer: string;
  flags: number;
}

function slots(lib: P11, tokenLabel?: string): Slot[] {
  return lib
    .C_GetSlotList(true)
    .map((slot) => {
      const info = lib.C_GetTokenInfo(slot);
      return { slot, label: trimmed(info.label), manufacturer: trimmed(info.manufacturerID), flags: info.flags };
    })
    .filter((s) => (s.flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0)
    .filter((s) => tokenLabel === undefined || s.label === tokenLabel);
}

function find(lib: P11, session: Handle, template: pkcs11js.Template): Handle[] {
  lib.C_FindObjectsInit(session, template);
  try {
    const out: Handle[] = [];
    for (;;) {
      const batch = lib.C_FindObjects(session, 64);
      out.push(...batch);
      if (batch.length < 64) return out;
    }
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function attrs(lib: P11, session: Handle, h: Handle, types: number[]): Map<number, Buffer> {
  const m = new Map<number, Buffer>();
  for (const t of types) {
    try {
      const [a] = lib.C_GetAttributeValue(session, h, [{ type: t }]);
      if (a?.value instanceof Buffer) m.set(t, a.value);
    } catch {
      // attribute absent or sensitive on this object
    }
  }
  return m;
}

function withSession<T>(lib: P11, slot: Handle, fn: (session: Handle) => T): T {
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  try {
    return fn(session);
  } finally {
    try {
      lib.C_CloseSession(session);
    } catch {
      // closed already when the token went away
    }
  }
}

function readCertificates(lib: P11, s: Slot): TokenCertificate[] {
  return withSession(lib, s.slot, (session) => {
    const all = find(lib, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    ]).map((h) => {
      const a = attrs(lib, session, h, [pkcs11js.CKA_ID, pkcs11js.CKA_VALUE, pkcs11js.CKA_LABEL, pkcs11js.CKA_CERTIFICATE_CATEGORY]);
      const category = a.get(pkcs11js.CKA_CERTIFICATE_CATEGORY);
      return {
        id: (a.get(pkcs11js.CKA_ID) ?? Buffer.alloc(0)).toString('hex'),
        der: new Uint8Array(a.get(pkcs11js.CKA_VALUE) ?? Buffer.alloc(0)),
        label: (a.get(pkcs11js.CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'),
        authority: category !== undefined && category.length > 0 && category.readUIntLE(0, Math.min(category.length, 6)) === 2,
      };
    });
    const pool = all.map((c) => c.der);
    return all
      .filter((c) => c.der.length > 0 && c.id && !c.authority && !isCaCertificate(c.der))
      .map((c) => ({
        id: c.id,
        certificate: c.der,
        chain: chainFrom(c.der, pool),
        keyAlgorithm: certKeyAlgorithm(c.der),
        label: c.label,
        tokenLabel: s.label,
      }));
  });
}

function parseSealLabel(label: string): { name: string; cert?: string; mm?: number } | null {
  if (!label.startsWith('seal:')) return null;
  const [name, ...params] = label.slice(5).split(';');
  const out: { name: string; cert?: string; mm?: number } = { name: name ?? '' };
  for (const p of params) {
    const [k, v] = p.split('=');
    if (k === 'cert' && v) out.cert = v.toLowerCase();
    if (k === 'mm' && v && Number(v) > 0) out.mm = Number(v);
  }
  return out;
}

export function sealLabel(name: string, certificateId?: string, widthMm?: number): string {
  return `seal:${name}${certificateId ? `;cert=${certificateId.toLowerCase()}` : ''}${widthMm ? `;mm=${widthMm}` : ''}`;
}

function loginError(lib: P11, slot: Handle, e: unknown): TokenError {
  const flags = (() => {
    try {
      return lib.C_GetTokenInfo(slot).flags;
    } catch {
      return 0;
    }
  })();
  if (isP11Error(e, 'CKR_PIN_LOCKED') || flags & pkcs11js.CKF_USER_PIN_LOCKED) {
    return new TokenError('PIN_LOCKED', 'CA 锁已锁定，请联系 CA 机构解锁');
  }
  if (isP11Error(e, 'CKR_PIN_INCORRECT') || isP11Error(e, 'CKR_PIN_INVALID') || isP11Error(e, 'CKR_PIN_LEN_RANGE')) {
    if (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) {
      return new TokenError('PIN_INCORRECT', 'PIN 码错误，还剩 1 次机会，再错 CA 锁将被锁定', { triesLeft: 1 });
    }
    // CKF_USER_PIN_COUNT_LOW only means "a wrong PIN was entered since the last good one"
    // (PKCS#11 2.40 §5.1): it says nothing about how many tries remain, so neither do we.
    return new TokenError('PIN_INCORRECT', 'PIN 码错误');
  }
  if (isP11Error(e, 'CKR_TOKEN_NOT_PRESENT') || isP11Error(e, 'CKR_DEVICE_REMOVED') || isP11Error(e, 'CKR_SLOT_ID_INVALID')) {
    return absent();
  }
  throw e;
}

export function openPkcs11Token(opts: Pkcs11Options): Token {
  const present = (lib: P11): Slot[] => {
    const s = slots(lib, opts.tokenLabel);
    if (s.length === 0) throw absent();
    return s;
  };

  const locate = (lib: P11, certificateId: string): { slot: Slot; cert: TokenCertificate } => {
    for (const s of present(lib)) {
      const cert = readCertificates(lib, s).find((c) => c.id === certificateId.toLowerCase());
      if (cert) return { slot: s, cert };
    }
    throw new TokenError('BAD_REQUEST', 'CA 锁中没有该证书');
  };

  return {
    kind: 'pkcs11',

    async status(): Promise<TokenStatus[]> {
      let found: TokenStatus[] = [];
      try {
        found = await withModule(opts, (lib) => slots(lib, opts.tokenLabel).map((s) => ({ label: s.label, manufacturer: s.manufacturer, present: true })));
      } catch (e) {
        if (!(e instanceof TokenError)) throw e;
      }
      if (found.length === 0 && opts.tokenLabel) return [{ label: opts.tokenLabel, manufacturer: '', present: false }];
      return found;
    },

    certificates(): Promise<TokenCertificate[]> {
      return withModule(opts, (lib) => present(lib).flatMap((s) => readCertificates(lib, s)));
    },

    seals(certificateId: string): Promise<TokenSeal[]> {
      return withModule(opts, (lib) => {
        const { slot } = locate(lib, certificateId);
        return withSession(lib, slot.slot, (session) =>
          find(lib, session, [
            { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_DATA },
            { type: pkcs11js.CKA_APPLICATION, value: Buffer.from(SEAL_APPLICATION) },
          ]).flatMap((h): TokenSeal[] => {
            const a = attrs(lib, session, h, [pkcs11js.CKA_LABEL, pkcs11js.CKA_VALUE]);
            const label = (a.get(pkcs11js.CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8');
            const meta = parseSealLabel(label);
            const png = a.get(pkcs11js.CKA_VALUE);
            if (!meta || !png) return [];
            if (meta.cert && meta.cert !== certificateId.toLowerCase()) return [];
            return [
              {
                id: createHash('sha256').update(label).digest('hex').slice(0, 16),
                name: meta.name,
                png: new Uint8Array(png),
                widthMm: meta.mm,
                certificateId: meta.cert,
              },
            ];
          }),
        );
      });
    },

    sign(certificateId: string, pin: string, digest: Uint8Array, digestAlgorithm: 'SHA-256'): Promise<Uint8Array> {
      if (digestAlgorithm !== 'SHA-256' || digest.length !== 32) {
        return Promise.reject(new TokenError('BAD_REQUEST', '摘要算法必须是 SHA-256'));
      }
      return withModule(opts, (lib) => {
        const { slot, cert } = locate(lib, certificateId);
        const session = lib.C_OpenSession(slot.slot, pkcs11js.CKF_SERIAL_SESSION);
        try {
          if (slot.flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new TokenError('PIN_LOCKED', 'CA 锁已锁定，请联系 CA 机构解锁');
          try {
            lib.C_Login(session, pkcs11js.CKU_USER, pin);
          } catch (e) {
            if (!isP11Error(e, 'CKR_USER_ALREADY_LOGGED_IN')) throw loginError(lib, slot.slot, e);
          }
          try {
            const [key] = find(lib, session, [
              { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
              { type: pkcs11js.CKA_ID, value: Buffer.from(cert.id, 'hex') },
            ]);
            if (!key) throw new TokenError('BAD_REQUEST', 'CA 锁中没有该证书的私钥');
            if (cert.keyAlgorithm === 'RSA') {
              lib.C_SignInit(session, { mechanism: pkcs11js.CKM_RSA_PKCS }, key);
              return new Uint8Array(lib.C_Sign(session, sha256DigestInfo(digest), Buffer.alloc(1024)));
            }
            lib.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
            const raw = lib.C_Sign(session, Buffer.from(digest), Buffer.alloc(256));
            return ecdsaRawToDer(raw);
          } finally {
            try {
              lib.C_Logout(session);
            } catch {
              // the session closes next anyway
            }
          }
        } finally {
          try {
            lib.C_CloseSession(session);
          } catch {
            // token gone
          }
        }
      });
    },

    async close(): Promise<void> {
      // Nothing held between operations.
    },
  };
}
