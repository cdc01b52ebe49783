// Data access for files and their versions. A file row names its current version; versions
// are never changed once written, and each points at an immutable blob.
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { blobs, fileVersions, files, folders, users } from '../db/schema.ts';
import type { FileKind } from '@hall/shared/schemas/drive';
import { fail } from '@hall/shared/errors';

export type FileRow = typeof files.$inferSelect;
export type VersionRow = typeof fileVersions.$inferSelect;

export interface NewVersion {
  blobSha256: string;
  size: number;
  name: string;
  mimeType: string;
  kind: FileKind;
  note?: string | null;
  createdBy: string | null;
}

const versionCount = sql<number>`(select count(*) from file_versions v where v.file_id = "files"."id")::int`;
const converting = sql<boolean>`exists(select 1 from jobs j where j.subject_id = "files"."id" and j.type = 'convert-to-pdf' and j.state in ('queued', 'running'))`;

function listing(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: files.id,
      folderId: files.folderId,
      folderName: folders.name,
      name: fileVersions.name,
      size: fileVersions.size,
      mimeType: fileVersions.mimeType,
      kind: fileVersions.kind,
      updatedAt: files.updatedAt,
      deletedAt: files.deletedAt,
      version: files.currentVersion,
      versionCount,
      converting,
    })
    .from(files)
    .innerJoin(fileVersions, and(eq(fileVersions.fileId, files.id), eq(fileVersions.version, files.currentVersion)))
    .innerJoin(folders, eq(folders.id, files.folderId))
    .where(where)
    .orderBy(desc(files.updatedAt), fileVersions.name);
}

export type FileListing = Awaited<ReturnType<typeof listing>>[number];

export function listLiveFiles(db: DbOrTx, enterpriseId: string, folderId: string) {
  return listing(db, and(eq(files.enterpriseId, enterpriseId), eq(files.folderId, folderId), isNull(files.deletedAt)));
}

export function listDeletedFiles(db: DbOrTx, enterpriseId: string) {
  return listing(db, and(eq(files.enterpriseId, enterpriseId), isNotNull(files.deletedAt)));
}

export async function getFileListing(db: DbOrTx, enterpriseId: string, fileId: string): Promise<FileListing | undefined> {
  const [row] = await listing(db, and(eq(files.enterpriseId, enterpriseId), eq(files.id, fileId)));
  return row;
}

/** The file, locked for update when inside a transaction, so versions are added one at a time. */
export async function findFile(db: DbOrTx, enterpriseId: string, fileId: string, lock = false): Promise<FileRow | undefined> {
  const query = db.select().from(files).where(and(eq(files.id, fileId), eq(files.enterpriseId, enterpriseId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findVersion(db: DbOrTx, fileId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(fileVersions).where(and(eq(fileVersions.fileId, fileId), eq(fileVersions.version, version)));
  return row;
}

export function listVersions(db: DbOrTx, fileId: string) {
  return db
    .select({
      version: fileVersions.version,
      size: fileVersions.size,
      mimeType: fileVersions.mimeType,
      name: fileVersions.name,
      createdAt: fileVersions.createdAt,
      createdBy: users.name,
      note: fileVersions.note,
    })
    .from(fileVersions)
    .leftJoin(users, eq(users.id, fileVersions.createdBy))
    .where(eq(fileVersions.fileId, fileId))
    .orderBy(desc(fileVersions.version));
}

/** Records a durable blob; the same bytes stored twice are one row. */
export async function recordBlob(tx: DbOrTx, sha256: string, size: number): Promise<void> {
  await tx.insert(blobs).values({ sha256, size }).onConflictDoNothing();
}

export async function insertFile(tx: Tx, enterpriseId: string, folderId: string, first: NewVersion): Promise<string> {
  await recordBlob(tx, first.blobSha256, first.size);
  const [file] = await tx
    .insert(files)
    .values({ enterpriseId, folderId, currentVersion: 1, createdBy: first.createdBy })
    .returning({ id: files.id });
  await tx.insert(fileVersions).values({ fileId: file.id, version: 1, ...first, note: first.note ?? null });
  return file.id;
}

/** Appends a version and makes it current. The caller holds the file row lock (findFile with lock). */
export async function appendVersion(tx: Tx, file: FileRow, next: NewVersion): Promise<number> {
  await recordBlob(tx, next.blobSha256, next.size);
  const [{ max }] = await tx
    .select({ max: sql<number>`coalesce(max(${fileVersions.version}), 0)::int` })
    .from(fileVersions)
    .where(eq(fileVersions.fileId, file.id));
  const version = max + 1;
  await tx.insert(fileVersions).values({ fileId: file.id, version, ...next, note: next.note ?? null });
  await tx.update(files).set({ currentVersion: version, updatedAt: sql`now()` }).where(eq(files.id, file.id));
  return version;
}

/**
 * Appends a signed revision as the next version, provided the file is still at `baseVersion`.
 * The row lock serializes parties sealing or signing the same file at once: the later one gets
 * PDF_CHANGED instead of a version built on bytes that are no longer current.
 */
export async function appendVersionOnto(tx: Tx, enterpriseId: string, fileId: string, baseVersion: number, next: NewVersion): Promise<number> {
  const locked = await findFile(tx, enterpriseId, fileId, true);
  if (!locked || locked.deletedAt) fail('NOT_FOUND');
  if (locked.currentVersion !== baseVersion) fail('PDF_CHANGED', undefined, { currentVersion: locked.currentVersion });
  return appendVersion(tx, locked, next);
}

export async function setFileDeleted(tx: DbOrTx, enterpriseId: string, fileId: string, deleted: boolean): Promise<void> {
  await tx
    .update(files)
    .set({ deletedAt: deleted ? sql`now()` : null, updatedAt: sql`now()` })
    .where(and(eq(files.id, fileId), eq(files.enterpriseId, enterpriseId)));
}
