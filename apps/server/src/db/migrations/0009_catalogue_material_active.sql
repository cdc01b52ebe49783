-- 停用/启用 of a checklist row by the catalogue administrator; every existing row stays in use.
ALTER TABLE "catalogue_materials" ADD COLUMN "active" boolean DEFAULT true NOT NULL;