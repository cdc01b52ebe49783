// Files under a material row. From 我的云盘: the chosen version of one's own live file (another
// enterprise's file is 404, as if it did not exist). Uploaded files (本地上传, 第三方) are first
// stored in the applicant's drive folder for them, then attached the same way.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { applicationAttachments, folders } from '../db/schema.ts';
import { findFile, findVersion } from '../drive/file-repository.ts';
import type { Actor, Deps } from '../types.ts';
import { addEvent, loadApplication } from './application-repository.ts';
import { applicationView } from './application-view.ts';
import { openSlot } from './material-slots.ts';

export interface Uploader {
  enterpriseId: string;
  userId: string;
  source: 'drive' | 'upload' | 'third-party';
}

/** Attaches drive file versions owned by the application's enterprise; checks the slot first. */
export async function attachFiles(
  tx: DbOrTx,
  applicationId: string,
  ownerEnterpriseId: string,
  materialId: string,
  picks: { fileId: string; version?: number }[],
  uploader: Uploader,
): Promise<void> {
  const app = await loadApplication(tx, applicationId, ownerEnterpriseId, true);
  const { requestId } = await openSlot(tx, app, materialId);
  for (const pick of picks) {
    const file = await findFile(tx, ownerEnterpriseId, pick.fileId);
    if (!file || file.deletedAt) fail('NOT_FOUND', '文件不存在');
    const version = pick.version ?? file.currentVersion;
    if (!(await findVersion(tx, file.id, version))) fail('NOT_FOUND', '该版本不存在');
    await tx.insert(applicationAttachments).values({
      applicationId,
      materialId,
      fileId: file.id,
      version,
      source: uploader.source,
      uploaderEnterpriseId: uploader.enterpriseId,
      uploaderUserId: uploader.userId,
      requestId,
    });
  }
  if (uploader.source === 'third-party') {
    await addEvent(tx, { applicationId, action: 'third_party_upload', actorKind: 'third-party', actorId: uploader.userId, message: `第三方上传材料 ${picks.length} 个`, details: { materialId, uploaderEnterpriseId: uploader.enterpriseId } });
  }
}

export async function attachFromDrive(deps: Pick<Deps, 'db'>, actor: Actor, id: string, materialId: string, picks: { fileId: string; version?: number }[]) {
  await deps.db.transaction((tx) => attachFiles(tx, id, actor.enterpriseId, materialId, picks, { ...actor, source: 'drive' }));
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

export async function removeAttachment(deps: Pick<Deps, 'db'>, actor: Actor, id: string, attachmentId: string) {
  await deps.db.transaction(async (tx) => {
    const app = await loadApplication(tx, id, actor.enterpriseId, true);
    const [row] = await tx
      .select()
      .from(applicationAttachments)
      .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id), isNull(applicationAttachments.removedAt)));
    if (!row || row.materialId === 'decision') fail('NOT_FOUND', '附件不存在');
    // Once submitted, what the window received stays; only files of an open request may go.
    const { requestId } = await openSlot(tx, app, row.materialId);
    if (app.state !== 'draft' && row.requestId !== requestId) fail('APPLICATION_LOCKED', '已提交的材料不能删除');
    await tx.update(applicationAttachments).set({ removedAt: sql`now()` }).where(eq(applicationAttachments.id, attachmentId));
  });
  return applicationView(deps.db, await loadApplication(deps.db, id, actor.enterpriseId));
}

/** The applicant's own drive folder for uploads made outside the drive (created on first use). */
const uploadFolders = {
  upload: { name: '申报材料', code: 'SBCL' },
  'third-party': { name: '第三方材料', code: 'DSFCL' },
  decision: { name: '审批结果', code: 'SPJG' },
};

export async function ensureUploadFolder(db: DbOrTx, enterpriseId: string, kind: keyof typeof uploadFolders): Promise<string> {
  const spec = uploadFolders[kind];
  const find = () =>
    db
      .select({ id: folders.id })
      .from(folders)
      .where(and(eq(folders.enterpriseId, enterpriseId), isNull(folders.parentId), eq(folders.code, spec.code), isNull(folders.deletedAt)));
  const [existing] = await find();
  if (existing) return existing.id;
  await db.insert(folders).values({ enterpriseId, parentId: null, ...spec }).onConflictDoNothing();
  const [made] = await find();
  return made!.id;
}
