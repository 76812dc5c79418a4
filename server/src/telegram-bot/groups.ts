import type { TelegramRepo } from '../db/repos/telegram.ts';
import type { TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { BotTexts } from './texts.ts';

export interface GroupChatsOptions {
  repo: TelegramRepo;
  store: TenantStore;
  tenant: TenantRow;
  channelId: string;
  now: Date;
  say: (chatId: string, text: string) => Promise<unknown>;
  texts: BotTexts;
  /** What `/contact` answers. */
  contact: string;
}

/**
 * The bot in a group or supergroup chat. A group belongs to no person: `/start <token>` with a
 * group link token makes the group the Telegram address of a branch (or of the tenant), `/stop`
 * undoes it, `/status` says what it gets; people's commands (numbered answers, /stop promociones)
 * belong in their private chats.
 */
export class GroupChats {
  constructor(private readonly o: GroupChatsOptions) {}

  async command(chatId: string, name: string, arg: string | undefined) {
    const { texts: t } = this.o;
    switch (name) {
      case 'start':
        return arg?.trim() ? this.link(chatId, arg.trim()) : void (await this.o.say(chatId, t.groupHelp));
      case 'stop': {
        await this.o.store.branches.replaceAddress('telegram', chatId, null);
        return void (await this.o.say(chatId, t.groupStopped));
      }
      case 'status':
        return this.status(chatId);
      case 'contact':
        return void (await this.o.say(chatId, this.o.contact));
      default:
        return void (await this.o.say(chatId, t.groupHelp));
    }
  }

  /** Telegram turned the group into a supergroup with a new id: the addresses follow it. */
  async migrated(from: string, to: string) {
    await this.o.store.branches.replaceAddress('telegram', from, to);
  }

  private async link(chatId: string, token: string) {
    const { repo, channelId, now, store, tenant, texts: t } = this.o;
    const linked = await repo.consumeGroupLink(token, channelId, now);
    if (!linked) {
      const scope = await repo.scopeOf(token, channelId, now);
      return void (await this.o.say(
        chatId,
        scope === 'recipient' ? t.wrongChatForLink(true) : t.groupBadLink,
      ));
    }
    if (linked.branchId === null) {
      await store.settings.update({ addresses: { telegram: chatId } });
      return void (await this.o.say(chatId, t.groupLinked(null, tenant.name)));
    }
    const branch = await store.branches.get(linked.branchId);
    if (!branch || !(await store.branches.setAddress(branch.id, 'telegram', chatId))) {
      // The branch was deleted after the link was made.
      return void (await this.o.say(chatId, t.groupBadLink));
    }
    await this.o.say(chatId, t.groupLinked(branch.name, tenant.name));
  }

  private async status(chatId: string) {
    const branches = (await this.o.store.branches.list()).filter((b) => b.addresses.telegram === chatId);
    const own = (await this.o.store.settings.get()).addresses.telegram === chatId;
    await this.o.say(
      chatId,
      this.o.texts.groupStatus(
        branches.map((b) => b.name),
        own,
      ),
    );
  }
}
