// Reading the catalogue: stages with their matters, and one matter's checklist in 序号 order.
// listMaterials gives every row, 停用 ones too (names of what an application holds or owes);
// checklistOf decides which of them a checklist shows.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { catalogueMaterials, catalogueMatters, catalogueStages } from '../db/schema.ts';

export type CatalogueMaterial = typeof catalogueMaterials.$inferSelect;
export type CatalogueMatter = typeof catalogueMatters.$inferSelect;

export async function listStagesWithMatters(db: DbOrTx) {
  const stages = await db.select().from(catalogueStages).orderBy(asc(catalogueStages.sortOrder));
  const matters = await db.select().from(catalogueMatters).orderBy(asc(catalogueMatters.sortOrder));
  return stages.map((s) => ({
    id: s.id,
    name: s.name,
    matters: matters.filter((m) => m.stageId === s.id).map((m) => ({ id: m.id, name: m.name, department: m.department, timeLimitDays: m.timeLimitDays })),
  }));
}

export async function findMatter(db: DbOrTx, matterId: string) {
  const [row] = await db
    .select({ matter: catalogueMatters, stageName: catalogueStages.name })
    .from(catalogueMatters)
    .innerJoin(catalogueStages, eq(catalogueStages.id, catalogueMatters.stageId))
    .where(eq(catalogueMatters.id, matterId));
  return row ? { ...row.matter, stageName: row.stageName } : undefined;
}

export async function listMaterials(db: DbOrTx, matterId: string): Promise<CatalogueMaterial[]> {
  return db.select().from(catalogueMaterials).where(eq(catalogueMaterials.matterId, matterId)).orderBy(asc(catalogueMaterials.sortOrder));
}

/**
 * The checklist as one application shows it: the materials in use, and a 停用 one only where the
 * application already holds files or requests under it, so that what was sent stays visible.
 * With nothing held: the checklist of a new application (and of 办事指南).
 */
export function checklistOf<M extends Pick<CatalogueMaterial, 'id' | 'active'>>(materials: readonly M[], held: Iterable<string> = []): M[] {
  const keep = new Set(held);
  return materials.filter((m) => m.active || keep.has(m.id));
}
