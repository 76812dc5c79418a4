-- Who may see a notification (SPEC section 2), as keys a reader matches with one array overlap:
-- r:<tenant>:<recipient> for each one named, b:<tenant>:<branch> for each branch and o:<tenant>
-- (owners) when it has a branch list, g:<tenant> when it names neither (global). The reader's side
-- is audienceOf in src/db/repos/notifications.ts.
CREATE FUNCTION aviso_audience(tenant uuid, recipient_ids text[], branch_ids text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array(SELECT 'r:' || tenant || ':' || r FROM unnest(recipient_ids) AS r)
    || array(SELECT 'b:' || tenant || ':' || b FROM unnest(branch_ids) AS b)
    || CASE WHEN branch_ids IS NOT NULL THEN ARRAY['o:' || tenant] ELSE '{}'::text[] END
    || CASE WHEN recipient_ids IS NULL AND branch_ids IS NULL THEN ARRAY['g:' || tenant] ELSE '{}'::text[] END
$$;--> statement-breakpoint
DROP INDEX "notifications_branch_ids_idx";--> statement-breakpoint
DROP INDEX "notifications_recipient_ids_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "audience" text[] GENERATED ALWAYS AS (aviso_audience(tenant_id, recipient_ids, branch_ids)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_audience_idx" ON "notifications" USING gin ("audience");