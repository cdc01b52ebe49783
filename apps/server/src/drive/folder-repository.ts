// Data access for folders. Every query is filtered by enterprise: another enterprise's
// folder reads as absent.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { folders } from '../db/schema.ts';

export type FolderRow = typeof folders.$inferSelect;

export async function findLiveFolder(db: DbOrTx, enterpriseId: string, id: string): Promise<FolderRow | undefined> {
  const [row] = await db
    .select()
    .from(folders)
    .where(and(eq(folders.id, id), eq(folders.enterpriseId, enterpriseId), isNull(folders.deletedAt)));
  return row;
}

export async function findFolderAnyState(db: DbOrTx, enterpriseId: string, id: string): Promise<FolderRow | undefined> {
  const [row] = await db.select().from(folders).where(and(eq(folders.id, id), eq(folders.enterpriseId, enterpriseId)));
  return row;
}

export async function listLiveFoldersWithCounts(db: DbOrTx, enterpriseId: string) {
  // Spelled out: in a one-table select drizzle leaves column names unqualified, and a bare
  // "id" inside the subquery would mean files.id.
  const liveFiles = sql<number>`(select count(*) from files f where f.folder_id = "folders"."id" and f.deleted_at is null)::int`;
  return db
    .select({ id: folders.id, parentId: folders.parentId, name: folders.name, code: folders.code, fileCount: liveFiles })
    .from(folders)
    .where(and(eq(folders.enterpriseId, enterpriseId), isNull(folders.deletedAt)))
    .orderBy(asc(folders.code), asc(folders.createdAt));
}

/** Ids of `folderId` and all its ancestors, nearest first. */
export async function ancestorIds(db: DbOrTx, enterpriseId: string, folderId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from folders where id = ${folderId} and enterprise_id = ${enterpriseId}
      union all
      select f.id, f.parent_id, up.depth + 1 from folders f join up on f.id = up.parent_id
      where f.enterprise_id = ${enterpriseId} and up.depth < 1000
    )
    select id from up order by depth`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

export async function hasLiveChildren(db: DbOrTx, enterpriseId: string, folderId: string): Promise<boolean> {
  const result = await db.execute(sql`
    select exists(select 1 from folders where parent_id = ${folderId} and enterprise_id = ${enterpriseId} and deleted_at is null)
        or exists(select 1 from files where folder_id = ${folderId} and enterprise_id = ${enterpriseId} and deleted_at is null) as busy`);
  return Boolean(rowsOf<{ busy: boolean }>(result)[0]?.busy);
}
