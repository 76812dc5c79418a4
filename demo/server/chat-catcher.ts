import { Hono } from 'hono';

/** One message the hub sent to a Telegram chat through the demo's stand-in of the Bot API. */
export interface CaughtChat {
  id: number;
  at: string;
  chatId: string;
  /** The Bot API text (HTML parse mode), as Telegram would show it. */
  text: string;
}

/** The fake chat id of the demo's branch group ("Suc. Central — encargados"). */
export const DEMO_GROUP_CHAT = '-1001234567890';

/**
 * A stand-in for the Telegram Bot API, mounted on the demo's own server at `/telegram`: the demo
 * tenant's Telegram channel points its `apiRoot` here, so the hub's messages to the branch group
 * are kept in memory and shown on the overview page, with no real bot or network.
 */
export class ChatCatcher {
  readonly chats: CaughtChat[] = [];
  private next = 1;

  constructor(private readonly keep = 50) {}

  /** The Bot API routes: `POST /telegram/bot<token>/<method>`. */
  routes() {
    const app = new Hono();
    app.post('/:bot/:method', async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { chat_id?: unknown; text?: unknown };
      if (c.req.param('method') === 'sendMessage') {
        this.chats.unshift({
          id: this.next,
          at: new Date().toISOString(),
          chatId: String(body.chat_id ?? ''),
          text: String(body.text ?? ''),
        });
        this.chats.length = Math.min(this.chats.length, this.keep);
      }
      return c.json({ ok: true, result: { message_id: this.next++ } });
    });
    return app;
  }
}
