import { afterEach, describe, expect, it } from 'vitest';
import { failure, localHttp, message, type RecordedRequest, type StandInReply, standIn } from '../testing.ts';
import { TelegramConfigSchema } from './config.ts';
import { parseTelegramCallbackData } from './render.ts';
import { TelegramSender } from './sender.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function botApi(reply: (req: RecordedRequest) => StandInReply) {
  const s = await standIn(reply);
  closers.push(s.close);
  return { ...s, config: TelegramConfigSchema.parse({ botToken: TOKEN, apiRoot: s.url }) };
}

const ok = (): StandInReply => ({
  status: 200,
  body: { ok: true, result: { message_id: 4711, chat: { id: 42 } } },
});

describe('TelegramSender', () => {
  it('calls sendMessage with HTML text and the actions as inline buttons', async () => {
    const { requests, config } = await botApi(ok);
    const msg = message({
      actions: [
        { id: 'confirm', label: 'Confirmar' },
        { id: 'cancel', label: 'Cancelar' },
      ],
    });
    const result = await new TelegramSender(localHttp()).send(msg, '987654321', config);

    expect(result.providerMessageId).toBe('4711');
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ chat_id: '987654321', parse_mode: 'HTML' });
    expect(body.text).toBe(
      "<b>Stock bajo</b>\nEl producto 'Martillo' tiene stock bajo (2 unidades) en tu sucursal.\n" +
        '<a href="https://pos.example.com/#/inventarios?search=MRT-1">Abrir</a>\n<i>Ferretería Central</i>',
    );
    const buttons = body.reply_markup.inline_keyboard[0];
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(['Confirmar', 'Cancelar']);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(parseTelegramCallbackData(buttons[1].callback_data)).toEqual({
      notificationId: msg.notificationId,
      actionIndex: 1,
    });
  });

  it('escapes &, < and > so a <script> arrives as text', async () => {
    const { requests, config } = await botApi(ok);
    await new TelegramSender(localHttp()).send(
      message({
        title: 'A & B',
        text: '<script>alert(1)</script> "quoted"',
        link: 'https://x.example/?a=1&b="2"',
      }),
      '-1001234567890',
      config,
    );
    const { text } = JSON.parse(requests[0]!.body);
    expect(text).toContain('<b>A &amp; B</b>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; "quoted"');
    expect(text).not.toContain('<script>');
    expect(text).toContain('<a href="https://x.example/?a=1&amp;b=%222%22">');
  });

  it('reports {ok:false, error_code:429} as retryable after parameters.retry_after', async () => {
    const { config } = await botApi(() => ({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    }));
    const err = await failure(new TelegramSender(localHttp()).send(message(), '42', config));
    expect(err).toMatchObject({ code: 'HTTP_429', retryable: true, retryAfterMs: 1000 });
  });

  it('retries a 502 from the Bot API', async () => {
    const { config } = await botApi(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    expect(await failure(new TelegramSender(localHttp()).send(message(), '42', config))).toMatchObject({
      code: 'HTTP_502',
      retryable: true,
    });
  });

  it('treats 403 (bot blocked) and 400 (chat not found) as permanent', async () => {
    let answer: StandInReply = {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    };
    const { config } = await botApi(() => answer);
    const blocked = await failure(new TelegramSender(localHttp()).send(message(), '42', config));
    expect(blocked).toMatchObject({ code: 'RECIPIENT_BLOCKED', retryable: false, providerStatus: 403 });

    answer = {
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    };
    const missing = await failure(new TelegramSender(localHttp()).send(message(), '42', config));
    expect(missing).toMatchObject({ code: 'INVALID_ADDRESS', retryable: false, providerStatus: 400 });
  });

  it('never puts the bot token in an error', async () => {
    const { config } = await botApi(() => ({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    }));
    const err = await failure(new TelegramSender(localHttp()).send(message(), '42', config));
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain(TOKEN);
  });
});
