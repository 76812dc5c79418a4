CREATE TABLE "presence_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"recipient_id" text NOT NULL,
	"node_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"alive_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "warnings" jsonb;--> statement-breakpoint
ALTER TABLE "scheduled_events" ADD COLUMN "recurrence" jsonb;--> statement-breakpoint
ALTER TABLE "presence_sessions" ADD CONSTRAINT "presence_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "presence_sessions_recipient_idx" ON "presence_sessions" USING btree ("tenant_id","recipient_id","started_at");--> statement-breakpoint
CREATE INDEX "presence_sessions_node_idx" ON "presence_sessions" USING btree ("node_id","ended_at");