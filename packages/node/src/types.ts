// The SDK's request and response shapes, taken from the types generated of the hub's /openapi.json
// (src/openapi.d.ts), so a change of the API that the SDK does not follow fails its type check.
import type { operations } from './openapi.js';

type JsonBody<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type JsonAnswer<Op extends keyof operations, Status extends number> = operations[Op] extends {
  responses: { [S in Status]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;

/** An event to publish (`POST /v1/events`). */
export type EventInput = JsonBody<'publishEvent'>;
/** What the hub answered an event with: `created`, `duplicate` (same idempotency key) or `scheduled`. */
export type EventAccepted = JsonAnswer<'publishEvent', 202>;
/** One result per event of a batch, in order: accepted, or an error of its own. */
export type BatchResult = JsonAnswer<'publishEventBatch', 202>;
/** A branch as the hub stores it. */
export type BranchInput = JsonBody<'upsertBranch'>;
export type Branch = JsonAnswer<'upsertBranch', 200>;
export type BranchList = JsonAnswer<'listBranches', 200>;
/** A recipient: the host's user id, role, branches and addresses. */
export type RecipientInput = JsonBody<'upsertRecipient'>;
export type Recipient = JsonAnswer<'upsertRecipient', 200>;
/** A widget token minted by the hub (`POST /v1/widget-tokens`). */
export type WidgetTokenInput = JsonBody<'createWidgetToken'>;
export type WidgetToken = JsonAnswer<'createWidgetToken', 201>;
/** How many pending reminders and scheduled notifications a cancelKey cancelled. */
export type ScheduleCancellation = JsonAnswer<'cancelSchedules', 200>;
/** The error body of every 4xx and 5xx. */
export type ErrorBody = JsonAnswer<'publishEvent', 400>;
