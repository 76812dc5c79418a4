-- Every reader's count and replay reads these two indexes; GIN's pending list (fastupdate) is read
-- whole by each of those until a vacuum or a 4 MB overflow empties it. Altered in place (no rebuild,
-- no long lock), and what is pending now moved into the index.
ALTER INDEX "notifications_branch_ids_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "notifications_recipient_ids_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('notifications_branch_ids_idx'::regclass);--> statement-breakpoint
SELECT gin_clean_pending_list('notifications_recipient_ids_idx'::regclass);
