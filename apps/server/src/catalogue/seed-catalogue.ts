// Fills the catalogue tables from the data file at start-up, but only with what is missing
// (insert … on conflict do nothing, by stable id). Once a stage, matter or material row exists it
// belongs to the administrator (事项目录 in the staff console): a restart never overwrites an edit,
// and a wording change in catalogue-data.ts reaches only databases that do not have that row yet.
// Running it on every start, from several instances at once, is harmless. Nothing is ever deleted:
// applications refer to the material ids.
import type { Db } from '../db/client.ts';
import { catalogueMaterials, catalogueMatters, catalogueStages } from '../db/schema.ts';
import { materialId, seedMatters, seedStages } from '../db/seed/catalogue-data.ts';

export async function seedCatalogue(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(catalogueStages).values(seedStages).onConflictDoNothing({ target: catalogueStages.id });
    await tx
      .insert(catalogueMatters)
      .values(seedMatters.map((m, i) => ({ id: m.id, stageId: m.stageId, name: m.name, department: m.department, timeLimitDays: m.timeLimitDays, sortOrder: i + 1 })))
      .onConflictDoNothing({ target: catalogueMatters.id });
    const rows = seedMatters.flatMap((m) =>
      m.materials.map((mat, i) => ({ id: materialId(m.id, i), matterId: m.id, sortOrder: i + 1, name: mat.name, required: mat.required, notes: mat.notes ?? '' })),
    );
    await tx.insert(catalogueMaterials).values(rows).onConflictDoNothing({ target: catalogueMaterials.id });
  });
}
