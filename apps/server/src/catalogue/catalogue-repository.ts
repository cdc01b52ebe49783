// Reading the catalogue: stages with their matters, and one matter's checklist in 序号 order.
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
