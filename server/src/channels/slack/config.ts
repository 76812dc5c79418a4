import { z } from 'zod';

/** A Slack incoming webhook. The URL is the secret: whoever has it can post to the channel. */
export const SlackConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
});
export type SlackConfig = z.infer<typeof SlackConfigSchema>;
