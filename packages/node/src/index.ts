// @aviso/node: the hub's tenant API for host backends, local widget tokens and webhook verification.
export { Aviso, type AvisoOptions, type PublishOptions, type RequestOptions } from './client.ts';
export { AvisoApiError, AvisoConnectionError, AvisoError } from './errors.ts';
export type { components, operations, paths } from './openapi.js';
export type * from './types.ts';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks.ts';
export { type MintWidgetTokenOptions, mintWidgetToken } from './widget-token.ts';
