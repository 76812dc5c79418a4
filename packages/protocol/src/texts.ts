import type { Localized } from './catalog.ts';

/**
 * Texts the hub writes itself (not those of an event type), per catalog locale. `{{count}}`-style
 * placeholders are filled by the server's template engine, like catalog messages.
 */
export const HUB_TEXTS = {
  /** The title of a digest of several notifications. */
  digestTitle: {
    es: '{{count}} notificaciones',
    en: '{{count}} notifications',
    pt: '{{count}} notificações',
  },
} as const satisfies Record<string, Localized>;

export type HubText = keyof typeof HUB_TEXTS;
