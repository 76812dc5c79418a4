export * from './configs.ts';
export { emailConfigFromUrl } from './email/config.ts';
export * from './registry.ts';
export { parseTelegramCallbackData, telegramCallbackData } from './telegram/render.ts';
export * from './types.ts';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook/config.ts';
export type { WebhookEvent } from './webhook/sender.ts';
export { newWebhookSecret } from './webhook/sign.ts';
