// Phase two: the key's signature goes into the prepared revision, and the result becomes a NEW
// version of the file. Two sealers of the same version are serialized on the file row: the
// first to commit wins, the other gets PDF_CHANGED and stores nothing (its bytes would drop the
// winner's seal). The signature is checked against the certificate before anything is stored.
import { Readable } from 'node:stream';
import { finish } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import type { FinishedSealing } from '@hall/shared/schemas/sealing';
import type { Actor, Deps } from '../types.ts';
import { appendVersionOnto, findFile, findVersion, getFileListing } from '../drive/file-repository.ts';
import { toDriveFile } from '../drive/file-view.ts';
import { signatureMatches } from './check-signer-certificate.ts';
import { claimOperation, findOperation } from './operation-repository.ts';
import { asHallErrors } from './pdf-seal-errors.ts';

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function note(placements: { kind: string; pages: number[] }[]): string {
  const parts: string[] = [];
  const seals = placements.filter((p) => p.kind === 'seal').reduce((n, p) => n + p.pages.length, 0);
  if (seals) parts.push(`印章 ${seals} 处`);
  if (placements.some((p) => p.kind === 'cross-page')) parts.push('骑缝章');
  const texts = placements.filter((p) => p.kind === 'text').length;
  if (texts) parts.push(`文字 ${texts} 处`);
  return `盖章（${parts.join('、') || '签章'}）`;
}

async function* baseThenTail(base: Readable, tail: Uint8Array): AsyncGenerator<Uint8Array> {
  yield* base as AsyncIterable<Uint8Array>;
  yield tail;
}

export async function finishSealing(
  deps: Pick<Deps, 'db' | 'blobs' | 'audit'>,
  tsaUrl: string | undefined,
  actor: Actor,
  operationId: string,
  signatureBase64: string,
): Promise<FinishedSealing> {
  const op = await findOperation(deps.db, actor.enterpriseId, operationId);
  if (!op) fail('NOT_FOUND', '盖章操作不存在');
  if (op.finishedAt || op.expiresAt.getTime() < Date.now()) fail('SEALING_EXPIRED');
  const signature = b64(signatureBase64);
  if (!signatureMatches(b64(op.state.certificate), b64(op.state.signedAttributes), signature)) {
    fail('SIGNING_FAILED', 'CA 锁返回的签名与证书不符，请重新盖章');
  }
  const file = await findFile(deps.db, actor.enterpriseId, op.fileId);
  if (!file || file.deletedAt) fail('NOT_FOUND');
  if (file.currentVersion !== op.baseVersion) fail('PDF_CHANGED', undefined, { currentVersion: file.currentVersion });
  const base = await findVersion(deps.db, file.id, op.baseVersion);
  if (!base) fail('NOT_FOUND');

  // The base is addressed by its SHA-256, so it is the very file prepared when its size is the
  // prepared one. Given no original bytes, finish() answers the completed tail alone; the new
  // version is the stored base streamed straight into the blob store with the tail after it,
  // hashed and written once (no scratch copy of the whole file to read back).
  if (base.size !== op.state.originalSize) fail('PDF_CHANGED', undefined, { currentVersion: file.currentVersion });
  const tail = (await asHallErrors(() => finish(new Uint8Array(0), op.state, signature, { tsaUrl }, undefined, { skipIdentityCheck: true }))) as Uint8Array;
  const blob = await deps.blobs.put(Readable.from(baseThenTail(await deps.blobs.get(base.blobSha256), tail)));

  const created = await deps.db.transaction(async (tx) => {
    const version = await appendVersionOnto(tx, actor.enterpriseId, file.id, op.baseVersion, {
      blobSha256: blob.sha256,
      size: blob.size,
      name: base.name,
      mimeType: 'application/pdf',
      kind: 'pdf',
      note: note(op.summary.placements),
      createdBy: actor.userId,
    });
    if (!(await claimOperation(tx, op.id, version))) fail('SEALING_EXPIRED');
    await deps.audit(
      {
        action: 'seal',
        enterpriseId: actor.enterpriseId,
        userId: actor.userId,
        targetType: 'file',
        targetId: file.id,
        details: {
          operationId: op.id,
          fromVersion: op.baseVersion,
          newVersion: version,
          sha256: blob.sha256,
          field: op.state.fieldName,
          certificateSerial: op.summary.certificateSerial,
          signer: op.summary.signer,
          placements: op.summary.placements,
          timestamped: Boolean(tsaUrl),
        },
      },
      tx,
    );
    return version;
  });
  return { file: toDriveFile((await getFileListing(deps.db, actor.enterpriseId, file.id))!), version: created };
}
