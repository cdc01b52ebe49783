// Data access for applications: the row (locked for a state change), its attachments, its
// open 补全/补正 requests and its event history.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { DbOrTx } from '../db/client.ts';
import { applicationAttachments, applicationEvents, applications, enterprises, fileVersions, materialRequests, users } from '../db/schema.ts';
import type { ApplicationState } from './state-machine.ts';

export type ApplicationRow = typeof applications.$inferSelect & { state: ApplicationState };
export type RequestRow = typeof materialRequests.$inferSelect;

/** Open and past its deadline (逾期): read at query time, as everywhere (no timer closes a request). */
export const isOverdue = (r: Pick<RequestRow, 'closedAt' | 'deadline'>, now = Date.now()): boolean => !r.closedAt && r.deadline !== null && r.deadline.getTime() < now;

/** The application, optionally row-locked; 404 unless it exists and (when given) is the enterprise's. */
export async function loadApplication(db: DbOrTx, id: string, enterpriseId: string | null, lock = false): Promise<ApplicationRow> {
  const where = enterpriseId ? and(eq(applications.id, id), eq(applications.enterpriseId, enterpriseId)) : eq(applications.id, id);
  const query = db.select().from(applications).where(where);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) fail('NOT_FOUND', '申报不存在');
  return row as ApplicationRow;
}

export async function openRequests(db: DbOrTx, applicationId: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(materialRequests)
    .where(and(eq(materialRequests.applicationId, applicationId), isNull(materialRequests.closedAt)))
    .orderBy(asc(materialRequests.openedAt));
}

export async function allRequests(db: DbOrTx, applicationId: string): Promise<RequestRow[]> {
  return db.select().from(materialRequests).where(eq(materialRequests.applicationId, applicationId)).orderBy(asc(materialRequests.openedAt));
}

export async function liveAttachments(db: DbOrTx, applicationId: string) {
  return db
    .select({
      id: applicationAttachments.id,
      materialId: applicationAttachments.materialId,
      fileId: applicationAttachments.fileId,
      version: applicationAttachments.version,
      source: applicationAttachments.source,
      requestId: applicationAttachments.requestId,
      createdAt: applicationAttachments.createdAt,
      name: fileVersions.name,
      size: fileVersions.size,
      mimeType: fileVersions.mimeType,
      kind: fileVersions.kind,
      blobSha256: fileVersions.blobSha256,
      uploaderUnitName: enterprises.unitName,
      uploaderUserName: users.name,
    })
    .from(applicationAttachments)
    .innerJoin(fileVersions, and(eq(fileVersions.fileId, applicationAttachments.fileId), eq(fileVersions.version, applicationAttachments.version)))
    .leftJoin(enterprises, eq(enterprises.id, applicationAttachments.uploaderEnterpriseId))
    .leftJoin(users, eq(users.id, applicationAttachments.uploaderUserId))
    .where(and(eq(applicationAttachments.applicationId, applicationId), isNull(applicationAttachments.removedAt)))
    .orderBy(asc(applicationAttachments.createdAt));
}
export type AttachmentRow = Awaited<ReturnType<typeof liveAttachments>>[number];

export interface NewEvent {
  applicationId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  actorKind: 'enterprise' | 'staff' | 'third-party';
  actorId?: string | null;
  message: string;
  details?: Record<string, unknown>;
}

export async function addEvent(db: DbOrTx, e: NewEvent): Promise<void> {
  await db.insert(applicationEvents).values({ ...e, details: e.details ?? {} });
}

export async function listEvents(db: DbOrTx, applicationId: string) {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at));
}

export async function setState(db: DbOrTx, id: string, values: Partial<typeof applications.$inferInsert>): Promise<void> {
  await db.update(applications).set({ ...values, updatedAt: sql`now()` }).where(eq(applications.id, id));
}

export async function closeRequests(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length) await db.update(materialRequests).set({ closedAt: sql`now()` }).where(inArray(materialRequests.id, ids));
}
