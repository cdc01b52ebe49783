// 签章验证: a PDF anyone uploads (kept only while it is checked), or a version of a drive file,
// checked against the hall's trust anchors.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { verify } from '@hall/pdf-seal';
import { fail } from '@hall/shared/errors';
import type { VerifyResult } from '@hall/shared/schemas/sealing';
import type { Actor, Deps } from '../types.ts';
import { HashingCounter } from '../blobs/blob-store.ts';
import { findFile, findVersion } from '../drive/file-repository.ts';
import { blobPath, withScratchDir } from '../sealing/blob-file.ts';
import { asHallErrors } from '../sealing/pdf-seal-errors.ts';
import { describeReport } from './describe-report.ts';
import type { TrustStore } from '../auth/trust-store.ts';

type Trust = Pick<TrustStore, 'material'>;

async function check(trust: Trust, path: string): Promise<VerifyResult> {
  const { anchors } = await trust.material();
  // no anchors configured: "trusted" stays unknown (null) rather than false for every signature
  const report = await asHallErrors(() => verify(path, anchors.length ? { trustAnchors: anchors } : {}));
  return describeReport(report);
}

export async function verifyUpload(deps: Pick<Deps, 'config'>, trust: Trust, upload: { filename: string; stream: Readable }): Promise<VerifyResult> {
  return withScratchDir(async (scratch) => {
    const path = join(scratch, 'upload.pdf');
    await pipeline(upload.stream, new HashingCounter(deps.config.maxUploadBytes), createWriteStream(path));
    if ((upload.stream as Readable & { truncated?: boolean }).truncated) fail('FILE_TOO_LARGE');
    return { ...(await check(trust, path)), fileName: upload.filename };
  });
}

export async function verifyFileVersion(deps: Pick<Deps, 'db' | 'blobs'>, trust: Trust, actor: Actor, fileId: string, version?: number): Promise<VerifyResult> {
  const file = await findFile(deps.db, actor.enterpriseId, fileId);
  if (!file || file.deletedAt) fail('NOT_FOUND');
  const row = await findVersion(deps.db, file.id, version ?? file.currentVersion);
  if (!row) fail('NOT_FOUND', '该版本不存在');
  if (row.kind !== 'pdf') fail('PDF_UNREADABLE', '只有 PDF 文件可以验证签章');
  return withScratchDir(async (scratch) => ({ ...(await check(trust, await blobPath(deps.blobs, row.blobSha256, scratch))), fileName: row.name, version: row.version }));
}
