import { TelegramSettingsSchema } from '@aviso/protocol';
import type { TelegramRepo } from '../db/repos/telegram.ts';
import type { RecipientRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { type Limits, personKey } from '../lib/limiter.ts';
import type { BotTexts } from './texts.ts';

export interface ChatLinkingOptions {
  repo: TelegramRepo;
  store: TenantStore;
  tenant: TenantRow;
  channelId: string;
  now: Date;
  say: (chatId: string, text: string, extra?: Record<string, unknown>) => Promise<unknown>;
  texts: (recipient?: RecipientRow) => BotTexts;
  /** Wrong document numbers per tenant, document links per person; none when absent. */
  limits?: Pick<Limits, 'telegramTenant' | 'telegramPerson'>;
}

/** How long the linked chat has to confirm a move. */
const MOVE_TTL_MS = 15 * 60_000;
const MOVE_DATA = /^m:([A-Za-z0-9_-]{20,64})$/;

/** The token of a "move my notifications" button's `callback_data`, if it is one. */
export const moveToken = (data: string | undefined) => MOVE_DATA.exec(data ?? '')?.[1];

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * How a chat gets linked to a person: a single-use link token, or a document number that never
 * takes over a person linked to another chat (that chat confirms first). Whenever a link moves,
 * the chat that loses it is told.
 */
export class ChatLinking {
  constructor(private readonly o: ChatLinkingOptions) {}

  private get documentLinking(): boolean {
    const stored = (this.o.tenant.settings as { telegram?: unknown }).telegram ?? {};
    return TelegramSettingsSchema.safeParse(stored).data?.documentLinking ?? true;
  }

  private linkedMessage(r: RecipientRow) {
    return this.o.texts(r).linked(r.name ?? '', this.o.tenant.name);
  }

  /** Tells the chat `before` was linked to, unless it is `newChat`, that the link moved away. */
  private async tellOldChat(before: RecipientRow, newChat: string) {
    const old = before.telegramChatId;
    if (old && old !== newChat) await this.o.say(old, this.o.texts(before).moved(this.o.tenant.name));
  }

  /** `/start <token>` from a t.me link: links the chat, even away from another chat. */
  async withToken(chatId: string, token: string) {
    const { repo, channelId, now } = this.o;
    const recipientId = await repo.consumeLink(token, channelId, now);
    const before = recipientId ? await this.o.store.recipients.get(recipientId) : undefined;
    const linked = before ? await repo.link(before.id, chatId, now) : undefined;
    if (!before || !linked) return void (await this.o.say(chatId, this.o.texts().badLink));
    await repo.saveChat(channelId, chatId, null, now);
    await this.o.say(chatId, this.linkedMessage(linked));
    await this.tellOldChat(before, chatId);
  }

  /** A bare `/start`: asks for the document number, unless the tenant turned that off. */
  async start(chatId: string, me: RecipientRow | undefined) {
    const t = this.o.texts(me);
    if (me) return void (await this.o.say(chatId, t.alreadyLinked(me.name ?? '')));
    if (!this.documentLinking) return void (await this.o.say(chatId, t.documentLinkingOff));
    await this.o.repo.saveChat(this.o.channelId, chatId, 'document', this.o.now);
    await this.o.say(chatId, t.askDocument);
  }

  /**
   * A document number after a bare /start: links when exactly one person has it and no other chat
   * does. Wrong numbers count against the tenant and matches against the person, so a new chat
   * buys no new tries.
   */
  async document(chatId: string, text: string) {
    const { repo, channelId, now, limits, tenant } = this.o;
    const t = this.o.texts();
    if (!this.documentLinking) {
      await repo.saveChat(channelId, chatId, null, now);
      return void (await this.o.say(chatId, t.documentLinkingOff));
    }
    // Checked before the lookup: with the budget spent, right and wrong numbers get one answer.
    const wait = limits?.telegramTenant?.blockedMs(tenant.id) ?? 0;
    if (wait > 0) return void (await this.o.say(chatId, t.locked(minutes(wait))));
    const found = await repo.byDocument(text);
    if (found.length !== 1) {
      // Several people with one number is answered like none: the bot never tells who exists.
      await limits?.telegramTenant?.consume(tenant.id);
      return void (await this.o.say(chatId, t.documentNotFound));
    }
    const person = found[0]!;
    const spent = await limits?.telegramPerson?.consume(personKey(tenant.id, person.id));
    if (spent && !spent.ok) return void (await this.o.say(chatId, t.locked(minutes(spent.retryAfterMs))));
    await repo.saveChat(channelId, chatId, null, now);
    if (person.telegramChatId && person.telegramChatId !== chatId) return this.askMove(chatId, person);
    const linked = await repo.link(person.id, chatId, now);
    if (linked) await this.o.say(chatId, this.linkedMessage(linked));
  }

  /** Asks the chat linked now to confirm moving the link to `chatId`, which is told to wait. */
  private async askMove(chatId: string, person: RecipientRow) {
    const { repo, channelId, now, tenant } = this.o;
    const expires = new Date(now.getTime() + MOVE_TTL_MS);
    const token = await repo.issueLink(person.id, channelId, expires, chatId);
    const theirs = this.o.texts(person);
    await this.o.say(person.telegramChatId!, theirs.confirmMove(tenant.name), {
      reply_markup: { inline_keyboard: [[{ text: theirs.moveButton, callback_data: `m:${token}` }]] },
    });
    await this.o.say(chatId, this.o.texts().moveAsked);
  }

  /**
   * The linked chat pressed "move": the link goes to the chat that asked, which is told. Returns
   * what to answer the chat that pressed (it no longer gets the notifications).
   */
  async confirmMove(chatId: string, token: string): Promise<string> {
    const { repo, channelId, now } = this.o;
    const me = await repo.recipientOf(chatId);
    const to = me ? await repo.consumeMove(token, channelId, me.id, now) : undefined;
    const linked = me && to ? await repo.link(me.id, to, now) : undefined;
    if (!linked || !to) return this.o.texts(me).badLink;
    await repo.saveChat(channelId, to, null, now);
    await this.o.say(to, this.linkedMessage(linked));
    return this.o.texts(me).moved(this.o.tenant.name);
  }
}
