import { stat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { prepare } from './prepare.ts';
import { finish } from './finish.ts';
import { PdfSealError } from '../errors.ts';
import type { PdfInput } from '../pdf/source.ts';
import type { SignOptions, Signer } from '../types.ts';

/**
 * prepare → signer.sign → finish, in one process with one read of the original: when the
 * output is another file, the pass that hashes the original also copies it there, and finish
 * only appends the new revision.
 */
export async function sign(input: PdfInput, signer: Signer, opts: SignOptions = {}, output?: string): Promise<Uint8Array | void> {
  const before = typeof input === 'string' ? await stat(input) : undefined;
  const copyOriginalTo = typeof input === 'string' && output !== undefined && resolve(input) !== resolve(output) ? output : undefined;
  const prepared = await prepare(input, signer.certificate, signer.chain, opts, { skipOriginalHash: true, copyOriginalTo });
  try {
    let signature: Uint8Array;
    try {
      signature = await signer.sign(prepared.toSign, 'SHA-256');
    } catch (e) {
      if (e instanceof PdfSealError) throw e;
      // key-side errors (wrong PIN, locked token) keep their own codes for the caller
      if (e instanceof Error && 'code' in e) throw e;
      throw new PdfSealError('SIGNING_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
    }
    if (typeof input === 'string') {
      const after = await stat(input);
      if (after.size !== before!.size || after.mtimeMs !== before!.mtimeMs) throw new PdfSealError('PDF_CHANGED');
    }
    return await finish(input, prepared.state, signature, { tsaUrl: opts.tsaUrl, ltv: opts.ltv }, output, {
      skipIdentityCheck: true,
      outputHoldsOriginal: copyOriginalTo !== undefined,
    });
  } catch (e) {
    // the copy of the original made while hashing is not a signed file
    if (copyOriginalTo !== undefined) await unlink(copyOriginalTo).catch(() => undefined);
    throw e;
  }
}
