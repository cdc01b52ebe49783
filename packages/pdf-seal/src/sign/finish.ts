import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { appendFile, copyFile, stat, unlink, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { seq, int } from '../cms/der.ts';
import type { KeyAlgorithm } from '../cms/algorithms.ts';
import { assembleCms } from '../cms/build.ts';
import { fetchTimestamp } from '../cms/tsa.ts';
import { sha256Hex } from '../io.ts';
import { PdfSealError } from '../errors.ts';
import type { PdfInput } from '../pdf/source.ts';
import type { FinishOptions, PreparedState } from '../types.ts';
import { appendDss, collectLtvData } from './dss.ts';

export interface FinishInternals {
  /** sign() already knows the input is the one prepared */
  skipIdentityCheck?: boolean;
  /** sign() has already copied the original to the output: only the new revision is appended */
  outputHoldsOriginal?: boolean;
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

async function checkIdentity(input: PdfInput, state: PreparedState): Promise<void> {
  const size = typeof input === 'string' ? (await stat(input)).size : input.length;
  if (size !== state.originalSize) throw new PdfSealError('PDF_CHANGED');
  if (state.originalSha256 && (await sha256Hex(input)) !== state.originalSha256) throw new PdfSealError('PDF_CHANGED');
}

export async function finish(
  input: PdfInput,
  state: PreparedState,
  signatureValue: Uint8Array,
  opts: FinishOptions = {},
  output?: string,
  internals: FinishInternals = {},
): Promise<Uint8Array | void> {
  if (state?.v !== 1) throw new PdfSealError('SIGNING_FAILED', '签章数据无效');
  if (!internals.skipIdentityCheck) await checkIdentity(input, state);
  const certificate = b64(state.certificate);
  const chain = state.chain.map(b64);
  let timestampToken: Uint8Array | undefined;
  if (opts.tsaUrl) timestampToken = await fetchTimestamp(opts.tsaUrl, createHash('sha256').update(signatureValue).digest());
  signatureValue = normaliseSignature(state.keyAlgorithm, signatureValue);
  // a signature by another key (wrong certificate picked on the token) must not become a PDF
  if (!matchesCertificate(certificate, b64(state.signedAttributes), signatureValue)) {
    throw new PdfSealError('SIGNING_FAILED', '签名值与证书不匹配');
  }
  const cms = assembleCms({
    signedAttrs: b64(state.signedAttributes),
    signature: signatureValue,
    signerCert: certificate,
    chain,
    keyAlgorithm: state.keyAlgorithm,
    timestampToken,
  });
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > state.contentsHexLength) throw new PdfSealError('SIGNING_FAILED', '签名数据超出预留空间');
  const tail = Buffer.from(state.tail, 'base64');
  tail.write(hex, state.contentsAt + 1, 'latin1');

  let ltvData = undefined;
  if (opts.ltv) ltvData = await collectLtvData(opts.ltv, [certificate, ...chain], timestampToken);

  if (output) {
    try {
      if (typeof input === 'string') {
        // signing in place appends to the file itself; its original bytes stay as they are
        if (resolve(input) !== resolve(output) && !internals.outputHoldsOriginal) await copyFile(input, output);
      } else await appendFile(output, input, { flag: 'w' });
      await appendFile(output, tail);
      if (ltvData) await appendFile(output, appendDss(output, ltvData));
    } catch (e) {
      if (typeof input !== 'string' || resolve(input) !== resolve(output)) await unlink(output).catch(() => undefined);
      throw e instanceof PdfSealError ? e : new PdfSealError('SIGNING_FAILED', '无法写出签章后的文件', { cause: e });
    }
    return;
  }
  const original = typeof input === 'string' ? await readFile(input) : input;
  const signed = Buffer.concat([original, tail]);
  if (!ltvData) return new Uint8Array(signed.buffer, signed.byteOffset, signed.length);
  const withDss = Buffer.concat([signed, appendDss(signed, ltvData)]);
  return new Uint8Array(withDss.buffer, withDss.byteOffset, withDss.length);
}


/** Tokens answer CKM_ECDSA with raw r‖s; CMS wants the DER Ecdsa-Sig-Value. */
function normaliseSignature(alg: KeyAlgorithm, sig: Uint8Array): Uint8Array {
  const looksDer = sig[0] === 0x30 && sig[1] === sig.length - 2;
  if (alg === 'ECDSA-P256' && sig.length === 64 && !looksDer) return seq(int(sig.subarray(0, 32)), int(sig.subarray(32)));
  return sig;
}

function matchesCertificate(cert: Uint8Array, signedAttrs: Uint8Array, sig: Uint8Array): boolean {
  try {
    return verifySignature('sha256', signedAttrs, new X509Certificate(cert).publicKey, sig);
  } catch {
    return false;
  }
}
