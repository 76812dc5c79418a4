/** Messages per minute a provider gets when its channel sets no rate: gentle on phone numbers. */
export const DEFAULT_RATE_PER_MINUTE: Record<string, number> = {
  email: 300,
  whatsapp: 60,
  telegram: 600,
  sms: 60,
  slack: 60,
  webhook: 1_200,
};

/**
 * A token bucket per channel (per tenant provider), so a burst of alerts is spread out instead of
 * getting a tenant's WhatsApp number banned. Per node: with N nodes a provider may see up to N
 * times the rate for the first minute of a burst, then each node's share drains at the set rate.
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token; returns 0 when sent may proceed, else how many ms until a token is free. */
  take(channelId: string, perMinute: number | null, kind: string, now: Date): number {
    const rate = perMinute ?? DEFAULT_RATE_PER_MINUTE[kind] ?? 60;
    const perMs = rate / 60_000;
    const t = now.getTime();
    const bucket = this.buckets.get(channelId) ?? { tokens: rate, at: t };
    bucket.tokens = Math.min(rate, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    this.buckets.set(channelId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs);
  }
}
