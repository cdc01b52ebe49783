ALTER TABLE "applications" ADD COLUMN "deferral_confirmed_at" timestamp with time zone;--> statement-breakpoint
-- 容缺通过 applications finished before 容缺补齐 existed still owe their 容缺材料: one open
-- deferral request per owed material, due at the end of the 承诺补齐 day (China time, UTC+8).
INSERT INTO "material_requests" ("application_id", "material_id", "kind", "reason", "deadline", "created_at")
SELECT a."id", m.material_id, 'deferral', '容缺通过，承诺补齐', ((a."promised_by" + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours' - interval '1 millisecond', coalesce(a."finished_at", now())
FROM "applications" a CROSS JOIN LATERAL jsonb_array_elements_text(a."deferred_material_ids") AS m(material_id)
WHERE a."state" = 'finished' AND a."outcome" = 'conditional' AND a."promised_by" IS NOT NULL;
