ALTER TABLE "telegram_chats" DROP COLUMN "failed_tries";--> statement-breakpoint
ALTER TABLE "telegram_chats" DROP COLUMN "locked_until";