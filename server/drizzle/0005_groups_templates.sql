CREATE TABLE "whatsapp_sessions" (
	"channel_id" uuid NOT NULL,
	"number" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"last_inbound_at" timestamp with time zone NOT NULL,
	CONSTRAINT "whatsapp_sessions_channel_id_number_pk" PRIMARY KEY("channel_id","number")
);
--> statement-breakpoint
ALTER TABLE "telegram_links" ALTER COLUMN "recipient_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "branches" ADD COLUMN "addresses" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "telegram_links" ADD COLUMN "scope" text DEFAULT 'recipient' NOT NULL;--> statement-breakpoint
ALTER TABLE "telegram_links" ADD COLUMN "branch_id" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "addresses" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "whatsapp_sessions" ADD CONSTRAINT "whatsapp_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "whatsapp_sessions_tenant_idx" ON "whatsapp_sessions" USING btree ("tenant_id","number");