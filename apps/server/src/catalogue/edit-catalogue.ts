// 事项目录 in the administrator's hands: edit a matter, add a material, edit one, 停用/启用 one.
// Each change is one transaction with its audit entry. Rows are never deleted (applications
// refer to material ids), so taking a material out of use is 停用. 序号 stay 1…n per matter:
// moving a row shifts the others, under a lock on the matter so two admins do not interleave.
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { fail } from '@hall/shared/errors';
import type { AddMaterialBody, AdminMatter, EditMaterialBody, EditMatterBody } from '@hall/shared/schemas/catalogue-admin';
import type { DbOrTx } from '../db/client.ts';
import { catalogueMaterials, catalogueMatters, catalogueStages } from '../db/schema.ts';
import type { StaffActor } from '../staff/staff-accounts.ts';
import type { Deps } from '../types.ts';
import type { CatalogueMaterial, CatalogueMatter } from './catalogue-repository.ts';

type D = Pick<Deps, 'db' | 'audit'>;

export function assertCatalogueAdmin(staff: StaffActor): void {
  if (!staff.roles.includes('admin')) fail('FORBIDDEN', '需要事项目录管理员权限');
}

const toMaterial = (m: CatalogueMaterial) => ({ id: m.id, matterId: m.matterId, index: m.sortOrder, name: m.name, required: m.required, notes: m.notes, active: m.active });
const toMatter = (m: CatalogueMatter, materials: CatalogueMaterial[]): AdminMatter => ({
  id: m.id,
  stageId: m.stageId,
  name: m.name,
  department: m.department,
  timeLimitDays: m.timeLimitDays,
  materials: materials.filter((x) => x.matterId === m.id).map(toMaterial),
});
const materialsOf = (db: DbOrTx, matterId: string) =>
  db.select().from(catalogueMaterials).where(eq(catalogueMaterials.matterId, matterId)).orderBy(asc(catalogueMaterials.sortOrder), asc(catalogueMaterials.id));

/** Stages → matters → every material, 停用 ones included, in 序号 order. */
export async function adminCatalogue(db: DbOrTx) {
  const [stages, matters, materials] = await Promise.all([
    db.select().from(catalogueStages).orderBy(asc(catalogueStages.sortOrder)),
    db.select().from(catalogueMatters).orderBy(asc(catalogueMatters.sortOrder)),
    db.select().from(catalogueMaterials).orderBy(asc(catalogueMaterials.sortOrder), asc(catalogueMaterials.id)),
  ]);
  return stages.map((s) => ({ id: s.id, name: s.name, matters: matters.filter((m) => m.stageId === s.id).map((m) => toMatter(m, materials)) }));
}

async function lockMatter(tx: DbOrTx, matterId: string): Promise<CatalogueMatter> {
  const [matter] = await tx.select().from(catalogueMatters).where(eq(catalogueMatters.id, matterId)).for('update');
  if (!matter) fail('NOT_FOUND', '事项不存在');
  return matter;
}

async function materialAndMatter(tx: DbOrTx, materialId: string) {
  const [row] = await tx.select({ matterId: catalogueMaterials.matterId }).from(catalogueMaterials).where(eq(catalogueMaterials.id, materialId));
  if (!row) fail('NOT_FOUND', '材料不存在');
  const matter = await lockMatter(tx, row.matterId);
  const materials = await materialsOf(tx, matter.id);
  return { matter, materials, material: materials.find((m) => m.id === materialId)! };
}

/** Trimmed text that must not be empty: a name of spaces only is as empty as no name. */
function filled(value: string | undefined, label: string, field: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) fail('VALIDATION_FAILED', `${label}不能为空`, { fields: [{ field, message: `${label}不能为空` }] });
  return trimmed;
}

/** Puts `moving` at 序号 `index` (clamped to the list) and renumbers the rest 1…n in their order. */
async function renumber(tx: DbOrTx, materials: CatalogueMaterial[], moving: string, index: number): Promise<void> {
  const others = materials.filter((m) => m.id !== moving);
  const at = Math.min(Math.max(index, 1), others.length + 1) - 1;
  const order = [...others.slice(0, at).map((m) => m.id), moving, ...others.slice(at).map((m) => m.id)];
  for (const [i, id] of order.entries()) {
    if (materials.find((m) => m.id === id)?.sortOrder !== i + 1) await tx.update(catalogueMaterials).set({ sortOrder: i + 1 }).where(eq(catalogueMaterials.id, id));
  }
}

async function matterView(db: DbOrTx, matterId: string): Promise<AdminMatter> {
  const [matter] = await db.select().from(catalogueMatters).where(eq(catalogueMatters.id, matterId));
  return toMatter(matter!, await materialsOf(db, matterId));
}

export async function editMatter(deps: D, staff: StaffActor, matterId: string, input: EditMatterBody): Promise<AdminMatter> {
  return deps.db.transaction(async (tx) => {
    const before = await lockMatter(tx, matterId);
    const set = { name: filled(input.name, '事项名称', 'name'), department: filled(input.department, '实施部门', 'department'), timeLimitDays: input.timeLimitDays };
    await tx.update(catalogueMatters).set(set).where(eq(catalogueMatters.id, matterId));
    const after = await matterView(tx, matterId);
    await deps.audit(
      {
        action: 'catalogue.matter_updated',
        targetType: 'catalogue_matter',
        targetId: matterId,
        details: { staffId: staff.staffId, before: { name: before.name, department: before.department, timeLimitDays: before.timeLimitDays }, after: { name: after.name, department: after.department, timeLimitDays: after.timeLimitDays } },
      },
      tx,
    );
    return after;
  });
}

export async function addMaterial(deps: D, staff: StaffActor, matterId: string, input: AddMaterialBody): Promise<AdminMatter> {
  return deps.db.transaction(async (tx) => {
    await lockMatter(tx, matterId);
    const materials = await materialsOf(tx, matterId);
    // Not the seed's 序号 form (matter-NN), so a row the seed adds later never meets this one.
    const id = `${matterId}-${randomBytes(4).toString('hex')}`;
    const row = { id, matterId, sortOrder: materials.length + 1, name: filled(input.name, '材料名称', 'name')!, required: input.required, notes: input.notes?.trim() ?? '' };
    const [added] = await tx.insert(catalogueMaterials).values(row).returning();
    if (input.index !== undefined) await renumber(tx, [...materials, added!], id, input.index);
    const after = await matterView(tx, matterId);
    const material = after.materials.find((m) => m.id === id)!;
    await deps.audit({ action: 'catalogue.material_added', targetType: 'catalogue_material', targetId: id, details: { staffId: staff.staffId, matterId, material } }, tx);
    return after;
  });
}

export async function editMaterial(deps: D, staff: StaffActor, materialId: string, input: EditMaterialBody): Promise<AdminMatter> {
  return deps.db.transaction(async (tx) => {
    const { matter, materials, material } = await materialAndMatter(tx, materialId);
    const set = { name: filled(input.name, '材料名称', 'name'), required: input.required, notes: input.notes?.trim() };
    if (Object.values(set).some((v) => v !== undefined)) await tx.update(catalogueMaterials).set(set).where(eq(catalogueMaterials.id, materialId));
    if (input.index !== undefined) await renumber(tx, materials, materialId, input.index);
    const after = await matterView(tx, matter.id);
    await deps.audit(
      { action: 'catalogue.material_updated', targetType: 'catalogue_material', targetId: materialId, details: { staffId: staff.staffId, matterId: matter.id, before: toMaterial(material), after: after.materials.find((m) => m.id === materialId) } },
      tx,
    );
    return after;
  });
}

/** 停用 (active false) or 启用: existing applications keep what they hold either way. */
export async function setMaterialActive(deps: D, staff: StaffActor, materialId: string, active: boolean): Promise<AdminMatter> {
  return deps.db.transaction(async (tx) => {
    const { matter, material } = await materialAndMatter(tx, materialId);
    if (material.active !== active) {
      await tx.update(catalogueMaterials).set({ active }).where(eq(catalogueMaterials.id, materialId));
      await deps.audit(
        { action: active ? 'catalogue.material_enabled' : 'catalogue.material_disabled', targetType: 'catalogue_material', targetId: materialId, details: { staffId: staff.staffId, matterId: matter.id, name: material.name } },
        tx,
      );
    }
    return matterView(tx, matter.id);
  });
}
