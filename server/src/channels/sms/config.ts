import { z } from 'zod';
import { TwilioAccountSchema } from '../twilio.ts';

/** SMS through Twilio: the account and the sending number (E.164) or a Messaging Service SID. */
export const SmsConfigSchema = z.strictObject({
  ...TwilioAccountSchema.shape,
  provider: z.literal('twilio').default('twilio'),
  from: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number, MG… or a sender id'),
});
export type SmsConfig = z.infer<typeof SmsConfigSchema>;
