// SoftHSM2 counts no PIN tries and never locks a PIN by itself (it only sets
// CKF_USER_PIN_COUNT_LOW after a wrong PIN). Real USB keys report their retry state in the
// token flags: CKF_USER_PIN_FINAL_TRY before the last try, CKF_USER_PIN_LOCKED after it.
// Tests and demos make those states by writing the flags into the SoftHSM2 token file
// (file object store: token.object, attribute CKA_OS_TOKENFLAGS), which the module then
// reports through C_GetTokenInfo exactly as a vendor token would.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';

const CKA_OS_TOKENLABEL = 0x80005349n;
const CKA_OS_TOKENFLAGS = 0x8000534bn;
const KIND_BOOL = 1n;
const KIND_ULONG = 2n;
const KIND_BYTES = 3n;

interface Located {
  file: string;
  buf: Buffer;
  flagsOffset: number;
}

function locate(tokenDir: string, label: string): Located {
  for (const sub of readdirSync(tokenDir)) {
    const file = join(tokenDir, sub, 'token.object');
    if (!existsSync(file)) continue;
    const buf = readFileSync(file);
    let off = 8; // generation counter
    let found = '';
    let flagsOffset = -1;
    while (off + 16 <= buf.length) {
      const type = buf.readBigUInt64BE(off);
      const kind = buf.readBigUInt64BE(off + 8);
      off += 16;
      if (kind === KIND_ULONG) {
        if (type === CKA_OS_TOKENFLAGS) flagsOffset = off;
        off += 8;
      } else if (kind === KIND_BOOL) {
        off += 1;
      } else if (kind === KIND_BYTES) {
        const n = Number(buf.readBigUInt64BE(off));
        if (type === CKA_OS_TOKENLABEL) found = buf.subarray(off + 8, off + 8 + n).toString('utf8').trimEnd();
        off += 8 + n;
      } else {
        break; // a kind this reader does not know: leave the file alone
      }
    }
    if (found === label && flagsOffset >= 0) return { file, buf, flagsOffset };
  }
  throw new Error(`SoftHSM2 token ${label} not found in ${tokenDir}`);
}

/** Sets and clears token flags of a SoftHSM2 token (file backend). */
export function setSoftHsmTokenFlags(tokenDir: string, label: string, change: { set?: number; clear?: number }): number {
  const { file, buf, flagsOffset } = locate(tokenDir, label);
  let flags = buf.readBigUInt64BE(flagsOffset);
  flags |= BigInt(change.set ?? 0);
  flags &= ~BigInt(change.clear ?? 0);
  buf.writeBigUInt64BE(flags, flagsOffset);
  writeFileSync(file, buf);
  return Number(flags);
}

/** The state a USB key is in after its retry counter reached zero. */
export function lockSoftHsmUserPin(tokenDir: string, label: string): void {
  setSoftHsmTokenFlags(tokenDir, label, { set: pkcs11js.CKF_USER_PIN_LOCKED });
}

/** The state before the last try. */
export function markSoftHsmFinalTry(tokenDir: string, label: string): void {
  setSoftHsmTokenFlags(tokenDir, label, { set: pkcs11js.CKF_USER_PIN_FINAL_TRY | pkcs11js.CKF_USER_PIN_COUNT_LOW });
}
