// Writes the catalogue data into its tables at start-up. Upserts by stable id, so running it on
// every start (and from several instances at once) is harmless and picks up wording changes.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { catalogueMaterials, catalogueMatters, catalogueStages } from '../db/schema.ts';
import { materialId, seedMatters, seedStages } from '../db/seed/catalogue-data.ts';

export async function seedCatalogue(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(catalogueStages)
      .values(seedStages)
      .onConflictDoUpdate({ target: catalogueStages.id, set: { name: sql`excluded.name`, sortOrder: sql`excluded.sort_order` } });
    await tx
      .insert(catalogueMatters)
      .values(seedMatters.map((m, i) => ({ id: m.id, stageId: m.stageId, name: m.name, department: m.department, timeLimitDays: m.timeLimitDays, sortOrder: i + 1 })))
      .onConflictDoUpdate({
        target: catalogueMatters.id,
        set: { stageId: sql`excluded.stage_id`, name: sql`excluded.name`, department: sql`excluded.department`, timeLimitDays: sql`excluded.time_limit_days`, sortOrder: sql`excluded.sort_order` },
      });
    const rows = seedMatters.flatMap((m) =>
      m.materials.map((mat, i) => ({ id: materialId(m.id, i), matterId: m.id, sortOrder: i + 1, name: mat.name, required: mat.required, notes: mat.notes ?? '' })),
    );
    await tx
      .insert(catalogueMaterials)
      .values(rows)
      .onConflictDoUpdate({
        target: catalogueMaterials.id,
        set: { matterId: sql`excluded.matter_id`, sortOrder: sql`excluded.sort_order`, name: sql`excluded.name`, required: sql`excluded.required`, notes: sql`excluded.notes` },
      });
  });
}
