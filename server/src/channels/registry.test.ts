import { afterEach, describe, expect, it } from 'vitest';
import { createChannelRegistry } from './registry.ts';
import { failure, message, STAND_IN_HOST, standIn } from './testing.ts';
import type { ChannelSender, OutboundMessage } from './types.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('createChannelRegistry', () => {
  it('uses an injected sender for its kind and validates the stored config first', async () => {
    const sent: { message: OutboundMessage; address: string; config: unknown }[] = [];
    const telegram: ChannelSender<{ botToken: string }> = {
      kind: 'telegram',
      addressField: 'telegramChatId',
      async send(m, address, config) {
        sent.push({ message: m, address, config });
        return { providerMessageId: 'fake-1' };
      },
    };
    const registry = createChannelRegistry({ senders: { telegram: telegram as never } });
    closers.push(() => registry.close());

    const result = await registry.send('telegram', message(), '42', {
      botToken: '1:abcdefghijklmnopqrstuvwxyz',
    });
    expect(result.providerMessageId).toBe('fake-1');
    // Defaults from the schema are filled in before the sender sees the config.
    expect(sent[0]?.config).toEqual({
      botToken: '1:abcdefghijklmnopqrstuvwxyz',
      apiRoot: 'https://api.telegram.org',
    });

    const err = await failure(registry.send('telegram', message(), '42', { botToken: 'leaky-secret' }));
    expect(err).toMatchObject({ code: 'INVALID_CONFIG', retryable: false });
    expect((err as Error).message).toContain('botToken');
    expect((err as Error).message).not.toContain('leaky-secret');
    expect(sent).toHaveLength(1);
  });

  it('builds the real senders for the kinds it was not given', async () => {
    const slack = await standIn(() => ({ status: 200, body: 'ok' }));
    closers.push(slack.close);
    const registry = createChannelRegistry({ timeoutMs: 2000, egressAllow: [STAND_IN_HOST] });
    closers.push(() => registry.close());
    expect(registry.kinds).toEqual(['email', 'whatsapp', 'telegram', 'sms', 'slack', 'webhook']);
    expect(registry.get('email').addressField).toBe('email');
    expect(registry.get('webhook').addressField).toBeNull();
    await registry.send('slack', message(), '', { url: `${slack.url}/services/x` });
    expect(slack.requests).toHaveLength(1);
  });
});
