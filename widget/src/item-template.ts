import type { Notification } from '@aviso/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { drawIcon, ICON_PATHS, type IconOverride, iconFor, UI_PATHS } from './icons.ts';
import { type AvisoStrings, relativeTime } from './strings.ts';

/** What a notification row needs from the bell. */
export interface ItemContext {
  strings: AvisoStrings;
  locale: string;
  icons: Readonly<Record<string, IconOverride>>;
  activate(n: Notification): void;
  act(n: Notification, actionId: string): void;
  /** Actions pressed here and not yet confirmed by the hub, by notification id. */
  pending: ReadonlyMap<string, string>;
  /** The corner button: archive (or unarchive) in the inbox, dismiss on a toast. */
  corner: { label: string; icon: string; part: string; run(n: Notification): void } | null;
  /** Marks a row read or unread again without following it (inbox rows only). */
  toggleRead?(n: Notification): void;
  /** Opens or closes a row's snooze choices (inbox rows only). */
  snooze?(n: Notification): void;
  /** The snooze choices under a row, when they are open for it. */
  menu?(n: Notification): TemplateResult | undefined;
}

/** A dot: "mark unread". */
const DOT = 'M12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6';

const stop = (e: Event) => e.stopPropagation();

/**
 * One notification: icon, title and message (always as text, never as HTML), relative time,
 * unread dot, severity colour and action buttons. `tabIndex` drives roving focus in the list.
 */
export function itemTemplate(n: Notification, ctx: ItemContext, tabIndex = 0): TemplateResult {
  const unread = !n.readAt;
  const corner = ctx.corner;
  // Answered (here, pending, or in any tab): the chosen action shows pressed, the others are off.
  const chosen = n.actionId ?? ctx.pending.get(n.id);
  const mark = unread ? ctx.strings.markRead : ctx.strings.markUnread;
  const menu = ctx.menu?.(n);
  return html`<div
    class="item ${n.severity} ${unread ? 'unread' : ''}"
    part="item ${n.severity}${unread ? ' unread' : ''}"
    data-id=${n.id}
    @click=${() => ctx.activate(n)}
  >
    <span class="glyph" part="icon">${iconFor(n, ctx.icons)}</span>
    <div class="body">
      <button class="main" part="item-button" tabindex=${tabIndex} @click=${(e: Event) => {
        stop(e);
        ctx.activate(n);
      }}>
        ${n.title ? html`<span class="title">${n.title}</span>` : nothing}
        <span class="message">${n.message}</span>
        ${unread ? html`<span class="sr-only">(${ctx.strings.unreadMark})</span>` : nothing}
      </button>
      <time datetime=${n.createdAt}>${relativeTime(n.createdAt, ctx.locale)}</time>
      ${
        ctx.snooze
          ? html`<button
              class="icon-btn snooze"
              part="snooze"
              tabindex=${tabIndex}
              aria-label=${ctx.strings.snooze}
              aria-expanded=${menu ? 'true' : 'false'}
              @click=${(e: Event) => {
                stop(e);
                ctx.snooze!(n);
              }}
            >
              ${drawIcon(ICON_PATHS.reminder)}
            </button>`
          : nothing
      }
      ${menu ?? nothing}
      ${
        n.actions?.length && !n.archivedAt
          ? html`<div class="actions">
              ${n.actions.map(
                (a) =>
                  html`<button
                    class="action ${a.style ?? 'secondary'}"
                    part="action"
                    tabindex=${tabIndex}
                    aria-pressed=${chosen ? String(chosen === a.id) : nothing}
                    ?disabled=${!!chosen}
                    @click=${(e: Event) => {
                      stop(e);
                      ctx.act(n, a.id);
                    }}
                  >
                    ${chosen === a.id ? drawIcon(UI_PATHS.check) : nothing}${a.label}
                  </button>`,
              )}
            </div>`
          : nothing
      }
    </div>
    ${
      ctx.toggleRead
        ? html`<button
            class="icon-btn toggle"
            part="toggle-read"
            tabindex=${tabIndex}
            aria-label=${mark}
            @click=${(e: Event) => {
              stop(e);
              ctx.toggleRead!(n);
            }}
          >
            ${drawIcon(unread ? UI_PATHS.check : DOT)}
          </button>`
        : nothing
    }
    ${
      corner
        ? html`<button
            class="icon-btn corner"
            part=${corner.part}
            tabindex=${tabIndex}
            aria-label=${corner.label}
            title=${corner.label}
            @click=${(e: Event) => {
              stop(e);
              corner.run(n);
            }}
          >
            ${drawIcon(corner.icon)}
          </button>`
        : nothing
    }
  </div>`;
}
