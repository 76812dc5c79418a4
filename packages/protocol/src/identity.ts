import { z } from 'zod';

/** Longest grace period of a widget secret rotation: a week. */
export const MAX_WIDGET_SECRET_GRACE_S = 7 * 24 * 3600;

/** `POST /v1/widget-secret/rotate`: how long tokens signed with the old secret keep working. */
export const WidgetSecretRotateSchema = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_WIDGET_SECRET_GRACE_S)
      .optional()
      .describe('Seconds during which the old secret still verifies (0, the default: none)'),
  })
  .strict();
export type WidgetSecretRotate = z.infer<typeof WidgetSecretRotateSchema>;

/** The new widget secret (shown once) and until when the previous one verifies. */
export const WidgetSecretRotatedSchema = z.object({
  widgetSecret: z.string(),
  previousValidUntil: z.string().nullable(),
});
export type WidgetSecretRotated = z.infer<typeof WidgetSecretRotatedSchema>;

/** `POST /v1/recipients/:id/revoke-tokens`: tokens of this person issued before this instant are refused. */
export const TokensRevokedSchema = z.object({
  id: z.string(),
  tokensValidAfter: z.string(),
});
export type TokensRevoked = z.infer<typeof TokensRevokedSchema>;
