CREATE TABLE "scheduled_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"cancel_key" text,
	"event" jsonb NOT NULL,
	"label" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"locked_until" timestamp with time zone,
	"notification_id" uuid,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"branch_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku" text,
	"name" text,
	"level" double precision NOT NULL,
	"min" double precision NOT NULL,
	"difference" double precision NOT NULL,
	"status" text NOT NULL,
	"reference" jsonb,
	"source" text NOT NULL,
	"notification_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"notified_at" timestamp with time zone,
	"notified_via" text[]
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"tenant_id" uuid NOT NULL,
	"branch_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku" text,
	"name" text,
	"qty" double precision NOT NULL,
	"min" double precision NOT NULL,
	"sweep_pending" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_tenant_id_branch_id_product_id_pk" PRIMARY KEY("tenant_id","branch_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "telegram_chats" (
	"channel_id" uuid NOT NULL,
	"chat_id" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"awaiting" text,
	"failed_tries" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telegram_chats_channel_id_chat_id_pk" PRIMARY KEY("channel_id","chat_id")
);
--> statement-breakpoint
CREATE TABLE "telegram_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"recipient_id" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scheduled_events" ADD CONSTRAINT "scheduled_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_alerts" ADD CONSTRAINT "stock_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_chats" ADD CONSTRAINT "telegram_chats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telegram_links" ADD CONSTRAINT "telegram_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scheduled_events_due_idx" ON "scheduled_events" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "scheduled_events_cancel_idx" ON "scheduled_events" USING btree ("tenant_id","cancel_key");--> statement-breakpoint
CREATE INDEX "stock_alerts_status_idx" ON "stock_alerts" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "stock_alerts_product_idx" ON "stock_alerts" USING btree ("tenant_id","branch_id","product_id","opened_at");