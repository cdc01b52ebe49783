CREATE TABLE "special_procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"expected_days" integer NOT NULL,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	"result" text
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "deferred_material_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "promised_by" date;--> statement-breakpoint
ALTER TABLE "special_procedures" ADD CONSTRAINT "special_procedures_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_procedures" ADD CONSTRAINT "special_procedures_started_by_staff_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_procedures" ADD CONSTRAINT "special_procedures_ended_by_staff_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "special_procedures_app_idx" ON "special_procedures" USING btree ("application_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "special_procedures_one_open_uq" ON "special_procedures" USING btree ("application_id") WHERE ended_at is null;