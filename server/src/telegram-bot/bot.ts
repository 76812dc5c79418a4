import { isUuid, type Preferences } from '@aviso/protocol';
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
import type { Limits } from '../lib/limiter.ts';
import { GroupChats } from './groups.ts';
import { ChatLinking, moveToken } from './linking.ts';
import { type BotTexts, botTexts } from './texts.ts';

/** The parts of a Telegram `Update` the bot reads; everything else is ignored. */
export interface TelegramUpdate {
  update_id?: number;
  message?: {
    /** `private`, `group`, `supergroup` or `channel`. */
    chat?: { id?: number | string; type?: string };
    text?: string;
    /** Telegram made the group a supergroup, whose id this is. */
    migrate_to_chat_id?: number | string;
  };
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
  /** Wrong document numbers per tenant, document links per person; none when absent. */
  limits?: Pick<Limits, 'telegramTenant' | 'telegramPerson'>;
}

const COMMAND = /^\/([A-Za-z_]+)(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$/s;
/** The argument of `/stop promociones` and `/start promociones`. */
const PROMOTIONS = /^(promociones|promoci[oó]n|promos|promotions?)$/i;
const GROUP_CHATS = new Set(['group', 'supergroup']);

/** One tenant's bot answering one update from its webhook: linking, commands and action answers. */
export class TelegramBot {
  private readonly repo: TelegramRepo;
  private readonly linking: ChatLinking;

  constructor(private readonly o: TelegramBotOptions) {
    this.repo = new TelegramRepo(o.store.db, o.store.tenantId);
    this.linking = new ChatLinking({
      repo: this.repo,
      store: o.store,
      tenant: o.tenant,
      channelId: o.channel.id,
      now: o.now,
      say: (chatId, text, extra) => this.say(chatId, text, extra),
      texts: (recipient) => this.texts(recipient),
      limits: o.limits,
    });
  }

  async handle(update: TelegramUpdate): Promise<void> {
    if (update.callback_query) return this.callback(update.callback_query);
    const chat = update.message?.chat;
    const text = update.message?.text?.trim();
    if (chat?.id === undefined) return;
    const migrated = update.message?.migrate_to_chat_id;
    if (migrated !== undefined) return this.groups().migrated(String(chat.id), String(migrated));
    if (!text) return;
    if (GROUP_CHATS.has(chat.type ?? '')) {
      // In a group only commands matter: everything else is the members talking to each other.
      const command = COMMAND.exec(text);
      if (command) await this.groups().command(String(chat.id), command[1]!.toLowerCase(), command[2]);
      return;
    }
    await this.message(String(chat.id), text);
  }

  private groups() {
    return new GroupChats({
      repo: this.repo,
      store: this.o.store,
      tenant: this.o.tenant,
      channelId: this.o.channel.id,
      now: this.o.now,
      say: (chatId, text) => this.say(chatId, text),
      texts: this.texts(),
      contact: this.contact(),
    });
  }

  /** The tenant's contact text, or a default in the person's language. */
  private contact(recipient?: RecipientRow): string {
    const own = (this.o.tenant.settings as { contactText?: unknown }).contactText;
    return typeof own === 'string' && own.trim()
      ? own
      : this.texts(recipient).contactDefault(this.o.tenant.name);
  }

  /** `/stop promociones` and `/start promociones`: the person's promotions switch, on every channel. */
  private async promotions(chatId: string, me: RecipientRow | undefined, on: boolean) {
    const t = this.texts(me);
    if (!me) return void (await this.say(chatId, t.notLinked));
    const prefs = (me.preferences ?? {}) as Preferences;
    await this.o.store.recipients.setPreferences(me.id, {
      ...prefs,
      categories: { ...prefs.categories, promotions: on },
    });
    await this.say(chatId, on ? t.promotionsOn : t.promotionsOff);
  }

  private say(chatId: string, text: string, extra: Record<string, unknown> = {}) {
    return botApi(this.o.http, this.o.channel.config, 'sendMessage', { chat_id: chatId, text, ...extra });
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
      if (chat?.awaiting === 'document') return this.linking.document(chatId, text);
      return void (await this.say(chatId, me ? t.help : t.notLinked));
    }
    const [, name, arg] = command;
    const token = arg?.trim();
    switch (name!.toLowerCase()) {
      case 'start': {
        if (!token) return this.linking.start(chatId, me);
        if (PROMOTIONS.test(token)) return this.promotions(chatId, me, true);
        const scope = await this.repo.scopeOf(token, this.o.channel.id, this.o.now);
        if (scope === 'branch' || scope === 'tenant')
          return void (await this.say(chatId, t.wrongChatForLink(false)));
        return this.linking.withToken(chatId, token);
      }
      case 'contact':
        return void (await this.say(chatId, this.contact(me)));
      case 'stop': {
        if (token && PROMOTIONS.test(token)) return this.promotions(chatId, me, false);
        await this.repo.unlink(chatId, this.o.now);
        await this.repo.saveChat(this.o.channel.id, chatId, null, this.o.now);
        return void (await this.say(chatId, me ? t.stopped : t.notLinked));
      }
      case 'status':
        return me ? this.status(chatId, me) : void (await this.say(chatId, t.notLinked));
      default:
        return void (await this.say(chatId, t.help));
    }
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

  /** An inline button: a notification's action, or the linked chat confirming a link move. */
  private async callback(query: NonNullable<TelegramUpdate['callback_query']>) {
    const chatId = String(query.message?.chat?.id ?? query.from?.id ?? '');
    const parsed = parseTelegramCallbackData(query.data ?? '');
    const move = moveToken(query.data);
    // In a branch's group the button answers for whoever pressed it: their private chat id is their user id.
    const pressedBy = query.from?.id === undefined ? '' : String(query.from.id);
    const me = chatId
      ? ((await this.repo.recipientOf(chatId)) ??
        (pressedBy ? await this.repo.recipientOf(pressedBy) : undefined))
      : undefined;
    const t = this.texts(me);
    let answer = t.gone;
    if (move && chatId) {
      answer = await this.linking.confirmMove(chatId, move);
    } else if (parsed && me) {
      const uuid = isUuid(parsed.notificationId);
      const n = uuid ? await this.o.store.notifications.visible(me, parsed.notificationId) : undefined;
      const action = n?.actions?.[parsed.actionIndex];
      if (n && action) answer = await this.act(me, n.id, action.id, t);
    } else if (!me) {
      answer = t.notLinked;
    }
    await botApi(this.o.http, this.o.channel.config, 'answerCallbackQuery', {
      callback_query_id: query.id,
      text: answer,
    });
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
