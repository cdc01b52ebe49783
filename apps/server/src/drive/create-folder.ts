import { fail } from '@hall/shared/errors';
import type { CreateFolderBody, Folder } from '@hall/shared/schemas/drive';
import { isUniqueViolation } from '../db/errors.ts';
import { folders } from '../db/schema.ts';
import type { Actor, Deps } from '../types.ts';
import { findLiveFolder } from './folder-repository.ts';

export async function createFolder(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, input: CreateFolderBody): Promise<Folder> {
  const name = input.name.trim();
  const code = input.code.trim();
  if (!name) fail('VALIDATION_FAILED', '目录名称不能为空', { fields: [{ field: 'name', message: '不能为空' }] });
  const parentId = input.parentId ?? null;
  try {
    return await deps.db.transaction(async (tx) => {
      if (parentId && !(await findLiveFolder(tx, actor.enterpriseId, parentId))) fail('NOT_FOUND', '上级目录不存在');
      const [row] = await tx.insert(folders).values({ enterpriseId: actor.enterpriseId, parentId, name, code }).returning();
      await deps.audit(
        { action: 'drive.folder.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'folder', targetId: row.id, details: { name, code, parentId } },
        tx,
      );
      return { id: row.id, parentId: row.parentId, name: row.name, code: row.code, fileCount: 0 };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'folders_sibling_code_uq')) fail('FOLDER_CODE_TAKEN');
    throw err;
  }
}
