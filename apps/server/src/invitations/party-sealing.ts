// An invited enterprise seals the initiator's file with its own CA key, through the same two
// phases as 在线盖章: the operation belongs to the file's owner (so the sealing service's
// finish step, its version check and its audit apply unchanged) and to the party's user.
import { prepare } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import type { PrepareSealingBody, PreparedSealing } from '@hall/shared/schemas/sealing';
import type { Actor } from '../types.ts';
import { findVersion } from '../drive/file-repository.ts';
import type { TrustStore } from '../auth/trust-store.ts';
import { blobPath, withScratchDir } from '../sealing/blob-file.ts';
import { checkSignerCertificate } from '../sealing/check-signer-certificate.ts';
import { finishSealing } from '../sealing/finish-sealing.ts';
import { findOperation, insertOperation } from '../sealing/operation-repository.ts';
import { asHallErrors } from '../sealing/pdf-seal-errors.ts';
import { OPERATION_TTL_MS } from '../sealing/prepare-sealing.ts';
import { resolvePlacements } from '../sealing/resolve-placements.ts';
import type { SigningContext } from '../person-signing/context.ts';
import { markPartyDone } from './invitation-repository.ts';
import { enterprisePartyFor } from './open-invitation.ts';

const der = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export async function prepareAsParty(ctx: SigningContext, trust: Pick<TrustStore, 'material'>, token: string, actor: Actor, body: PrepareSealingBody): Promise<PreparedSealing> {
  const { party, request, fileVersion } = await enterprisePartyFor(ctx, token, actor);
  if (fileVersion !== body.version) fail('PDF_CHANGED', undefined, { currentVersion: fileVersion });
  const version = await findVersion(ctx.deps.db, request.fileId, fileVersion);
  if (!version || version.kind !== 'pdf') fail('PDF_UNREADABLE');
  const certificate = der(body.certificate);
  // The key must be the invited unit's, whatever unit the session belongs to.
  const signer = await checkSignerCertificate(certificate, (body.chain ?? []).map(der), { creditCode: party.creditCode ?? '' }, await trust.material());
  const { placements, summary } = await resolvePlacements(ctx.deps, actor, body.placements, signer.serialNumber);
  const prepared = await withScratchDir(async (scratch) => {
    const input = await blobPath(ctx.deps.blobs, version.blobSha256, scratch);
    return asHallErrors(() => prepare(input, certificate, signer.chain, { placements, reason: body.reason ?? '盖章', name: signer.unitName }));
  });
  const expiresAt = new Date(Date.now() + OPERATION_TTL_MS);
  const operationId = await insertOperation(ctx.deps.db, {
    enterpriseId: request.enterpriseId,
    userId: actor.userId,
    fileId: request.fileId,
    baseVersion: fileVersion,
    state: prepared.state,
    summary: { placements: summary, certificateSerial: signer.serialNumber, signer: signer.subject },
    expiresAt,
  });
  return { operationId, digest: Buffer.from(prepared.toSign).toString('base64'), digestAlgorithm: 'SHA-256', expiresAt: expiresAt.toISOString() };
}

export async function finishAsParty(ctx: SigningContext, token: string, actor: Actor, operationId: string, signature: string): Promise<{ version: number }> {
  const { party, request } = await enterprisePartyFor(ctx, token, actor);
  const op = await findOperation(ctx.deps.db, request.enterpriseId, operationId);
  if (!op || op.userId !== actor.userId || op.fileId !== request.fileId) fail('NOT_FOUND', '盖章操作不存在');
  const { version } = await finishSealing(ctx.deps, ctx.tsaUrl, { enterpriseId: request.enterpriseId, userId: actor.userId }, operationId, signature);
  await markPartyDone(ctx.deps.db, party.id, version, party.unitName ?? '');
  return { version };
}
