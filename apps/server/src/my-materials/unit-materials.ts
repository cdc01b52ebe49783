// 我的材料: a unit's certificates (营业执照, 资质证书, 安全生产许可证…) with their validity and
// drive files. Every read and write is scoped to the actor's enterprise: another unit's
// material, or a file that is not the unit's own, is 404 as if it did not exist.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import { UNIT_MATERIAL_KINDS, type UnitMaterial, type UnitMaterialBody, type UnitMaterialKind } from '@hall/shared/schemas/my-materials';
import type { DbOrTx } from '../db/client.ts';
import { files, fileVersions, unitMaterialFiles, unitMaterials } from '../db/schema.ts';
import { findFile, findVersion } from '../drive/file-repository.ts';
import type { Actor, Deps } from '../types.ts';
import { chinaDate, expiryOf } from './expiry.ts';

type Row = typeof unitMaterials.$inferSelect;

async function filesOf(db: DbOrTx, materialIds: string[]) {
  if (materialIds.length === 0) return [];
  return db
    .select({
      materialId: unitMaterialFiles.materialId,
      fileId: unitMaterialFiles.fileId,
      version: unitMaterialFiles.version,
      name: fileVersions.name,
      size: fileVersions.size,
      mimeType: fileVersions.mimeType,
      deletedAt: files.deletedAt,
    })
    .from(unitMaterialFiles)
    .innerJoin(files, eq(files.id, unitMaterialFiles.fileId))
    .innerJoin(fileVersions, and(eq(fileVersions.fileId, unitMaterialFiles.fileId), eq(fileVersions.version, unitMaterialFiles.version)))
    .where(inArray(unitMaterialFiles.materialId, materialIds))
    .orderBy(asc(unitMaterialFiles.sortOrder));
}

function view(row: Row, attached: Awaited<ReturnType<typeof filesOf>>, today: string): UnitMaterial {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: UNIT_MATERIAL_KINDS[row.kind as UnitMaterialKind] ?? row.kind,
    name: row.name,
    number: row.number,
    issuer: row.issuer,
    validFrom: row.validFrom,
    validTo: row.validTo,
    notes: row.notes,
    ...expiryOf(row.validTo, today),
    files: attached
      .filter((f) => f.materialId === row.id)
      .map((f) => ({ fileId: f.fileId, version: f.version, name: f.name, size: Number(f.size), mimeType: f.mimeType, deleted: f.deletedAt !== null })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listUnitMaterials(db: DbOrTx, actor: Actor, today = chinaDate()) {
  // Soonest to expire first, 长期有效 last: the warnings are what the unit must act on.
  const rows = await db
    .select()
    .from(unitMaterials)
    .where(and(eq(unitMaterials.enterpriseId, actor.enterpriseId), isNull(unitMaterials.deletedAt)))
    .orderBy(sql`${unitMaterials.validTo} asc nulls last`, desc(unitMaterials.createdAt));
  const attached = await filesOf(db, rows.map((r) => r.id));
  const items = rows.map((r) => view(r, attached, today));
  return {
    items,
    counts: {
      total: items.length,
      expiring: items.filter((i) => i.expiry === 'expiring').length,
      expired: items.filter((i) => i.expiry === 'expired').length,
    },
  };
}

async function findOwn(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<Row> {
  const q = db
    .select()
    .from(unitMaterials)
    .where(and(eq(unitMaterials.id, id), eq(unitMaterials.enterpriseId, actor.enterpriseId), isNull(unitMaterials.deletedAt)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) fail('NOT_FOUND', '材料不存在');
  return row;
}

export async function getUnitMaterial(db: DbOrTx, actor: Actor, id: string, today = chinaDate()): Promise<UnitMaterial> {
  const row = await findOwn(db, actor, id);
  return view(row, await filesOf(db, [row.id]), today);
}

function checkFields(body: UnitMaterialBody) {
  const fields: { field: string; message: string }[] = [];
  if (!body.name.trim()) fields.push({ field: 'name', message: '请填写材料名称' });
  if (body.validFrom && body.validTo && body.validTo < body.validFrom) fields.push({ field: 'validTo', message: '有效期止不能早于有效期起' });
  if (fields.length) fail('VALIDATION_FAILED', `${fields.map((f) => f.message).join('；')}`, { fields });
}

/** Resolves the picks to the unit's own live files and existing versions (current when absent). */
async function resolveFiles(tx: DbOrTx, actor: Actor, picks: UnitMaterialBody['files']) {
  const out: { fileId: string; version: number }[] = [];
  for (const pick of picks) {
    const file = await findFile(tx, actor.enterpriseId, pick.fileId);
    if (!file || file.deletedAt) fail('NOT_FOUND', '文件不存在');
    const version = pick.version ?? file.currentVersion;
    if (!(await findVersion(tx, file.id, version))) fail('NOT_FOUND', '该版本不存在');
    if (!out.some((o) => o.fileId === file.id && o.version === version)) out.push({ fileId: file.id, version });
  }
  return out;
}

async function replaceFiles(tx: DbOrTx, materialId: string, picks: { fileId: string; version: number }[]) {
  await tx.delete(unitMaterialFiles).where(eq(unitMaterialFiles.materialId, materialId));
  if (picks.length) await tx.insert(unitMaterialFiles).values(picks.map((p, i) => ({ materialId, ...p, sortOrder: i + 1 })));
}

const columns = (body: UnitMaterialBody) => ({
  kind: body.kind,
  name: body.name.trim(),
  number: body.number?.trim() ?? '',
  issuer: body.issuer?.trim() ?? '',
  validFrom: body.validFrom ?? null,
  validTo: body.validTo ?? null,
  notes: body.notes?.trim() ?? '',
});

export async function createUnitMaterial(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, body: UnitMaterialBody) {
  checkFields(body);
  const id = await deps.db.transaction(async (tx) => {
    const picks = await resolveFiles(tx, actor, body.files);
    const [row] = await tx
      .insert(unitMaterials)
      .values({ enterpriseId: actor.enterpriseId, createdBy: actor.userId, ...columns(body) })
      .returning({ id: unitMaterials.id });
    await replaceFiles(tx, row!.id, picks);
    await deps.audit({ action: 'unit_material.created', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'unit_material', targetId: row!.id, details: { kind: body.kind } }, tx);
    return row!.id;
  });
  return getUnitMaterial(deps.db, actor, id);
}

export async function updateUnitMaterial(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, id: string, body: UnitMaterialBody) {
  checkFields(body);
  await deps.db.transaction(async (tx) => {
    await findOwn(tx, actor, id, true);
    const picks = await resolveFiles(tx, actor, body.files);
    await tx.update(unitMaterials).set({ ...columns(body), updatedAt: sql`now()` }).where(eq(unitMaterials.id, id));
    await replaceFiles(tx, id, picks);
    await deps.audit({ action: 'unit_material.updated', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'unit_material', targetId: id }, tx);
  });
  return getUnitMaterial(deps.db, actor, id);
}

export async function deleteUnitMaterial(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    await findOwn(tx, actor, id, true);
    // Soft delete: applications that used its files keep their own attachment rows anyway.
    await tx.update(unitMaterials).set({ deletedAt: sql`now()` }).where(eq(unitMaterials.id, id));
    await deps.audit({ action: 'unit_material.deleted', enterpriseId: actor.enterpriseId, userId: actor.userId, targetType: 'unit_material', targetId: id }, tx);
  });
}

/** The material's files that can still be attached elsewhere (not in the recycle bin). */
export async function liveFilesOf(db: DbOrTx, actor: Actor, id: string) {
  const material = await getUnitMaterial(db, actor, id);
  return { material, files: material.files.filter((f) => !f.deleted).map((f) => ({ fileId: f.fileId, version: f.version })) };
}
