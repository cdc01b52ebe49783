// Rename, re-code or move a folder. A move never puts a folder under itself or its own
// descendants (that would cut it off from the root).
import { eq, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { Folder, UpdateFolderBody } from '@hall/shared/schemas/drive';
import { isUniqueViolation } from '../db/errors.ts';
import { folders } from '../db/schema.ts';
import type { Actor, Deps } from '../types.ts';
import { ancestorIds, findLiveFolder, listLiveFoldersWithCounts } from './folder-repository.ts';

export async function updateFolder(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, id: string, input: UpdateFolderBody): Promise<Folder> {
  const changes: Partial<typeof folders.$inferInsert> = {};
  if (input.name !== undefined) {
    changes.name = input.name.trim();
    if (!changes.name) fail('VALIDATION_FAILED', '目录名称不能为空', { fields: [{ field: 'name', message: '不能为空' }] });
  }
  if (input.code !== undefined) changes.code = input.code.trim();
  try {
    await deps.db.transaction(async (tx) => {
      const folder = await findLiveFolder(tx, actor.enterpriseId, id);
      if (!folder) fail('NOT_FOUND');
      if (input.parentId !== undefined) {
        const parentId = input.parentId;
        if (parentId !== null) {
          if (!(await findLiveFolder(tx, actor.enterpriseId, parentId))) fail('NOT_FOUND', '上级目录不存在');
          if ((await ancestorIds(tx, actor.enterpriseId, parentId)).includes(id)) fail('FOLDER_MOVE_INVALID');
        }
        changes.parentId = parentId;
      }
      await tx.update(folders).set({ ...changes, updatedAt: sql`now()` }).where(eq(folders.id, id));
      await deps.audit(
        { action: 'drive.folder.updated', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'folder', targetId: id, details: { before: { name: folder.name, code: folder.code, parentId: folder.parentId }, changes } },
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err, 'folders_sibling_code_uq')) fail('FOLDER_CODE_TAKEN');
    throw err;
  }
  const all = await listLiveFoldersWithCounts(deps.db, actor.enterpriseId);
  return all.find((f) => f.id === id)!;
}
