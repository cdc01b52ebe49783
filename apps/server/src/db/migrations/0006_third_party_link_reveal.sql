ALTER TABLE "third_party_links" ADD COLUMN "token_sealed" text;--> statement-breakpoint
ALTER TABLE "third_party_links" ADD COLUMN "access_code_sealed" text;--> statement-breakpoint
ALTER TABLE "third_party_links" ADD COLUMN "upload_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "third_party_links" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
-- Links made before this migration: their uploads are counted from the audit log, which names the link.
UPDATE "third_party_links" l SET
	"upload_count" = u.n,
	"last_used_at" = u.last_at
FROM (
	SELECT "details"->>'linkId' AS link_id, count(*)::integer AS n, max("at") AS last_at
	FROM "audit_log" WHERE "action" = 'third_party_link.uploaded' GROUP BY 1
) u
WHERE u.link_id = l."id"::text;
