import { afterEach, describe, expect, it } from 'vitest';
import { failure, localHttp, message, type RecordedRequest, type StandInReply, standIn } from '../testing.ts';
import { SlackConfigSchema } from './config.ts';
import { SlackSender } from './sender.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function slack(reply: (req: RecordedRequest) => StandInReply) {
  const s = await standIn(reply);
  closers.push(s.close);
  return { ...s, config: SlackConfigSchema.parse({ url: `${s.url}/services/T000/B000/XXXX` }) };
}

describe('SlackSender', () => {
  it('POSTs text and blocks with an escaped mrkdwn section and a link button', async () => {
    const { requests, config } = await slack(() => ({ status: 200, body: 'ok' }));
    const result = await new SlackSender(localHttp()).send(
      message({ title: 'Stock <bajo>', text: 'Martillo & clavos <!channel>' }),
      '',
      config,
    );
    expect(result.providerStatus).toBe(200);
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/services/T000/B000/XXXX');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    expect(body.text).toBe('[Ferretería Central] Stock &lt;bajo&gt;: Martillo &amp; clavos &lt;!channel&gt;');
    expect(body.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':warning: *Stock &lt;bajo&gt;*\nMartillo &amp; clavos &lt;!channel&gt;',
      },
    });
    expect(body.blocks[2].elements[0]).toMatchObject({
      type: 'button',
      text: { type: 'plain_text', text: 'Abrir' },
      url: 'https://pos.example.com/#/inventarios?search=MRT-1',
    });
  });

  it('retries a 429 honouring Retry-After', async () => {
    const { config } = await slack(() => ({
      status: 429,
      headers: { 'retry-after': '1' },
      body: 'rate_limited',
    }));
    expect(await failure(new SlackSender(localHttp()).send(message(), '', config))).toMatchObject({
      code: 'HTTP_429',
      retryable: true,
      retryAfterMs: 1000,
    });
  });

  it('fails for good on invalid_payload (400) and reports a removed webhook as gone', async () => {
    let answer: StandInReply = { status: 400, body: 'invalid_payload' };
    const { config } = await slack(() => answer);
    expect(await failure(new SlackSender(localHttp()).send(message(), '', config))).toMatchObject({
      code: 'HTTP_400',
      retryable: false,
    });
    answer = { status: 404, body: 'no_service' };
    expect(await failure(new SlackSender(localHttp()).send(message(), '', config))).toMatchObject({
      code: 'ENDPOINT_GONE',
      retryable: false,
    });
  });
});
