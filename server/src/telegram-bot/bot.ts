import type { ProviderHttp } from '../channels/http.ts';
import { botApi } from '../channels/telegram/api.ts';
import type { TelegramConfig } from '../channels/telegram/config.ts';
import { parseTelegramCallbackData } from '../channels/telegram/render.ts';
import { TelegramRepo } from '../db/repos/telegram.ts';
import type { RecipientRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { Inbox } from '../inbox/inbox.ts';
import { parseChoice, ReplyRepo } from '../inbox/replies.ts';
import { AppError } from '../lib/errors.ts';
import { type BotTexts, botTexts } from './texts.ts';

/** The parts of a Telegram `Update` the bot reads; everything else is ignored. */
export interface TelegramUpdate {
  update_id?: number;
  message?: { chat?: { id?: number | string }; text?: string };
  callback_query?: {
    id?: string;
    from?: { id?: number | string };
    message?: { chat?: { id?: number | string } };
    data?: string;
  };
}

export interface TelegramBotOptions {
  store: TenantStore;
  tenant: TenantRow;
  channel: { id: string; config: TelegramConfig };
  inbox: Inbox;
  /** The provider HTTP client: Bot API calls go through the egress policy. */
  http: ProviderHttp;
  now: Date;
  onQueued?: () => void;
  /** Wrong document numbers before the chat is locked, and for how long. */
  maxTries?: number;
  lockMs?: number;
}

const COMMAND = /^\/([A-Za-z_]+)(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$/s;

/** One tenant's bot answering one update from its webhook: linking, commands and action answers. */
export class TelegramBot {
  private readonly repo: TelegramRepo;

  constructor(private readonly o: TelegramBotOptions) {
    this.repo = new TelegramRepo(o.store.db, o.store.tenantId);
  }

  async handle(update: TelegramUpdate): Promise<void> {
    if (update.callback_query) return this.callback(update.callback_query);
    const chatId = update.message?.chat?.id;
    const text = update.message?.text?.trim();
    if (chatId === undefined || !text) return;
    await this.message(String(chatId), text);
  }

  private say(chatId: string, text: string) {
    return botApi(this.o.http, this.o.channel.config, 'sendMessage', { chat_id: chatId, text });
  }

  private texts(recipient?: RecipientRow): BotTexts {
    return botTexts(recipient?.locale ?? this.o.tenant.locale);
  }

  private async message(chatId: string, text: string) {
    const command = COMMAND.exec(text);
    const me = await this.repo.recipientOf(chatId);
    const t = this.texts(me);
    if (!command) {
      const choice = parseChoice(text);
      if (me && choice !== null) return this.answerNumber(chatId, me, choice);
      const chat = await this.repo.chat(this.o.channel.id, chatId);
      if (chat?.awaiting === 'document') return this.document(chatId, text);
      return void (await this.say(chatId, me ? t.help : t.notLinked));
    }
    const [, name, arg] = command;
    switch (name!.toLowerCase()) {
      case 'start':
        return arg?.trim() ? this.startWithToken(chatId, arg.trim()) : this.start(chatId, me);
      case 'stop': {
        await this.repo.unlink(chatId, this.o.now);
        await this.repo.saveChat(
          this.o.channel.id,
          chatId,
          { awaiting: null, failedTries: 0, lockedUntil: null },
          this.o.now,
        );
        return void (await this.say(chatId, me ? t.stopped : t.notLinked));
      }
      case 'status':
        return me ? this.status(chatId, me) : void (await this.say(chatId, t.notLinked));
      default:
        return void (await this.say(chatId, t.help));
    }
  }

  private async startWithToken(chatId: string, token: string) {
    const recipientId = await this.repo.consumeLink(token, this.o.channel.id, this.o.now);
    const linked = recipientId ? await this.repo.link(recipientId, chatId, this.o.now) : undefined;
    if (!linked) return void (await this.say(chatId, this.texts().badLink));
    await this.repo.saveChat(
      this.o.channel.id,
      chatId,
      { awaiting: null, failedTries: 0, lockedUntil: null },
      this.o.now,
    );
    await this.say(chatId, this.texts(linked).linked(linked.name ?? '', this.o.tenant.name));
  }

  private async start(chatId: string, me: RecipientRow | undefined) {
    if (me) return void (await this.say(chatId, this.texts(me).alreadyLinked(me.name ?? '')));
    const chat = await this.repo.chat(this.o.channel.id, chatId);
    if (await this.lockedOut(chatId, chat?.lockedUntil ?? null)) return;
    await this.repo.saveChat(
      this.o.channel.id,
      chatId,
      { awaiting: 'document', failedTries: chat?.failedTries ?? 0, lockedUntil: null },
      this.o.now,
    );
    await this.say(chatId, this.texts().askDocument);
  }

  /** Says so and returns true while the chat is locked after too many wrong document numbers. */
  private async lockedOut(chatId: string, lockedUntil: Date | null): Promise<boolean> {
    if (!lockedUntil || lockedUntil <= this.o.now) return false;
    const minutes = Math.ceil((lockedUntil.getTime() - this.o.now.getTime()) / 60_000);
    await this.say(chatId, this.texts().locked(minutes));
    return true;
  }

  /** A document number after a bare /start: links when exactly one recipient has it. */
  private async document(chatId: string, text: string) {
    const { id: channelId } = this.o.channel;
    const chat = await this.repo.chat(channelId, chatId);
    if (await this.lockedOut(chatId, chat?.lockedUntil ?? null)) return;
    const found = await this.repo.byDocument(text);
    const linked = found.length === 1 ? await this.repo.link(found[0]!.id, chatId, this.o.now) : undefined;
    if (linked) {
      await this.repo.saveChat(
        channelId,
        chatId,
        { awaiting: null, failedTries: 0, lockedUntil: null },
        this.o.now,
      );
      return void (await this.say(chatId, this.texts(linked).linked(linked.name ?? '', this.o.tenant.name)));
    }
    // Several people with one number is answered like none: the bot never tells who exists.
    const max = this.o.maxTries ?? 5;
    const tries = (chat?.failedTries ?? 0) + 1;
    if (tries >= max) {
      const lockedUntil = new Date(this.o.now.getTime() + (this.o.lockMs ?? 15 * 60_000));
      await this.repo.saveChat(
        channelId,
        chatId,
        { awaiting: 'document', failedTries: 0, lockedUntil },
        this.o.now,
      );
      return void (await this.lockedOut(chatId, lockedUntil));
    }
    await this.repo.saveChat(
      channelId,
      chatId,
      { awaiting: 'document', failedTries: tries, lockedUntil: null },
      this.o.now,
    );
    await this.say(chatId, this.texts().documentNotFound(max - tries));
  }

  private async status(chatId: string, me: RecipientRow) {
    const t = this.texts(me);
    const page = await this.o.inbox.page(this.o.store, me, { limit: 5, filter: 'all' });
    const lines = page.items.map((n) =>
      `${n.readAt ? '✓' : '•'} ${n.title ? `${n.title}: ` : ''}${n.message}`.slice(0, 300),
    );
    await this.say(chatId, t.status(page.unreadCount, lines));
  }

  /** A plain "1"/"2" answers the newest notification with actions sent to this chat. */
  private async answerNumber(chatId: string, me: RecipientRow, index: number) {
    const t = this.texts(me);
    const latest = await new ReplyRepo(this.o.store.db, this.o.store.tenantId).latestAnswerable(
      'telegram',
      chatId,
    );
    if (!latest) return void (await this.say(chatId, t.nothingToAnswer));
    const action = latest.n.actions?.[index];
    if (!action) return void (await this.say(chatId, t.unknownChoice(latest.n.actions?.length ?? 0)));
    await this.say(chatId, await this.act(latest.recipient, latest.n.id, action.id, t));
  }

  /** An inline button: its `callback_data` names the notification and the action. */
  private async callback(query: NonNullable<TelegramUpdate['callback_query']>) {
    const chatId = String(query.message?.chat?.id ?? query.from?.id ?? '');
    const parsed = parseTelegramCallbackData(query.data ?? '');
    const me = chatId ? await this.repo.recipientOf(chatId) : undefined;
    const t = this.texts(me);
    let answer = t.gone;
    if (parsed && me) {
      const uuid = /^[0-9a-f-]{36}$/i.test(parsed.notificationId);
      const n = uuid ? await this.o.store.notifications.visible(me, parsed.notificationId) : undefined;
      const action = n?.actions?.[parsed.actionIndex];
      if (n && action) answer = await this.act(me, n.id, action.id, t);
    } else if (!me) {
      answer = t.notLinked;
    }
    await botApi(this.o.http, this.o.channel.config, 'answerCallbackQuery', { callback_query_id: query.id, text: answer });
    if (chatId) await this.say(chatId, answer);
  }

  private async act(reader: RecipientRow, id: string, actionId: string, t: BotTexts): Promise<string> {
    try {
      const r = await this.o.inbox.act(this.o.store, reader, id, actionId, 'telegram', {
        now: this.o.now,
        onQueued: this.o.onQueued,
      });
      return r.recorded ? t.recorded(r.label) : t.alreadyAnswered(r.label);
    } catch (err) {
      if (err instanceof AppError) return t.gone;
      throw err;
    }
  }
}
