// Deleting a folder is allowed only when it holds no live files or folders, so nothing is
// lost by accident. The row is kept (soft delete): files in the recycle bin still name it.
import { eq, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { folders } from '../db/schema.ts';
import type { Actor, Deps } from '../types.ts';
import { findLiveFolder, hasLiveChildren } from './folder-repository.ts';

export async function deleteFolder(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const folder = await findLiveFolder(tx, actor.enterpriseId, id);
    if (!folder) fail('NOT_FOUND');
    if (await hasLiveChildren(tx, actor.enterpriseId, id)) fail('FOLDER_NOT_EMPTY');
    await tx.update(folders).set({ deletedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(folders.id, id));
    await deps.audit(
      { action: 'drive.folder.deleted', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'folder', targetId: id, details: { name: folder.name, code: folder.code } },
      tx,
    );
  });
}
