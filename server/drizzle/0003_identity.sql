ALTER TABLE "recipients" ADD COLUMN "profile_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "tokens_valid_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "telegram_links" ADD COLUMN "chat_id" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "previous_widget_secret_enc" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "previous_widget_secret_until" timestamp with time zone;