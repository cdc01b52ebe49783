// Phase one of 在线盖章: the server builds the new revision (seal widgets, signature field,
// placeholder) over the version the user saw, keeps it, and hands back the digest the key signs.
import { prepare } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import type { PrepareSealingBody, PreparedSealing } from '@hall/shared/schemas/sealing';
import type { Actor, Deps } from '../types.ts';
import { findFile, findVersion } from '../drive/file-repository.ts';
import type { TrustStore } from '../auth/trust-store.ts';
import { blobPath, withScratchDir } from './blob-file.ts';
import { checkSignerCertificate } from './check-signer-certificate.ts';
import { deleteExpiredOperations, enterpriseCreditCode, insertOperation } from './operation-repository.ts';
import { asHallErrors } from './pdf-seal-errors.ts';
import { resolvePlacements } from './resolve-placements.ts';

/** Long enough to type a PIN and for the key to sign; short enough that a stale page fails. */
export const OPERATION_TTL_MS = 15 * 60 * 1000;
/**
 * Expired operations (each holds the prepared revision, ~100 KB) are deleted by the next
 * prepare once a day past their expiry — of any enterprise, also those of invited parties.
 * Until then a late finish still hears SEALING_EXPIRED rather than "not found".
 */
export const EXPIRED_OPERATION_KEEP_MS = 24 * 60 * 60 * 1000;

const der = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export async function prepareSealing(deps: Pick<Deps, 'db' | 'blobs'>, trust: Pick<TrustStore, 'material'>, actor: Actor, fileId: string, body: PrepareSealingBody): Promise<PreparedSealing> {
  const file = await findFile(deps.db, actor.enterpriseId, fileId);
  if (!file || file.deletedAt) fail('NOT_FOUND');
  if (file.currentVersion !== body.version) fail('PDF_CHANGED', undefined, { currentVersion: file.currentVersion });
  const version = await findVersion(deps.db, file.id, file.currentVersion);
  if (!version) fail('NOT_FOUND');
  if (version.kind !== 'pdf') fail('PDF_UNREADABLE', '只有 PDF 文件可以盖章，请先转换为 PDF');

  const certificate = der(body.certificate);
  const chain = (body.chain ?? []).map(der);
  const signer = await checkSignerCertificate(certificate, chain, { creditCode: await enterpriseCreditCode(deps.db, actor.enterpriseId) }, await trust.material());
  const { placements, summary } = await resolvePlacements(deps, actor, body.placements, signer.serialNumber);

  const prepared = await withScratchDir(async (scratch) => {
    const input = await blobPath(deps.blobs, version.blobSha256, scratch);
    // A blob's name is the SHA-256 of its bytes, so finish knows the base is the very file
    // prepared from its version row; hashing the whole original a second time here is waste.
    return asHallErrors(() => prepare(input, certificate, signer.chain, { placements, reason: body.reason ?? '盖章', name: signer.unitName }, { skipOriginalHash: true }));
  });
  await deleteExpiredOperations(deps.db, new Date(Date.now() - EXPIRED_OPERATION_KEEP_MS));
  const expiresAt = new Date(Date.now() + OPERATION_TTL_MS);
  const operationId = await insertOperation(deps.db, {
    enterpriseId: actor.enterpriseId,
    userId: actor.userId,
    fileId: file.id,
    baseVersion: file.currentVersion,
    state: prepared.state,
    summary: { placements: summary, certificateSerial: signer.serialNumber, signer: signer.subject },
    expiresAt,
  });
  return { operationId, digest: Buffer.from(prepared.toSign).toString('base64'), digestAlgorithm: 'SHA-256', expiresAt: expiresAt.toISOString() };
}
