/** Every string the widget shows; hosts may override any of them through the `strings` property. */
export interface AvisoStrings {
  bell: string;
  /** `{count}` is replaced by the unread count. */
  bellUnread: string;
  inbox: string;
  all: string;
  unread: string;
  archived: string;
  markAllRead: string;
  markRead: string;
  markUnread: string;
  archive: string;
  unarchive: string;
  /** Opens a row's snooze choices (an hour, three, tomorrow): it comes back unread then. */
  snooze: string;
  preferences: string;
  close: string;
  dismiss: string;
  empty: string;
  emptyUnread: string;
  emptyArchived: string;
  loading: string;
  error: string;
  retry: string;
  /** The browser has no network (the widget reconnects once it is back). */
  offline: string;
  /** The hub is out of reach for now (a restart, a blip): the widget is retrying. */
  reconnecting: string;
  /** The hub refused the token and no renewed one helped. */
  signedOut: string;
  /** After a reconnection, `{count}` unread notifications that arrived meanwhile (`missedOne` for one). */
  missed: string;
  missedOne: string;
  /** Toasts beyond the maximum: `{count}` more, in the inbox. */
  more: string;
  loadMore: string;
  newNotification: string;
  /** Read by screen readers after an unread item's text. */
  unreadMark: string;
}

/** The filter bar's strings (a chunk loaded when the panel opens); `strings` may override them. */
export interface FilterStrings {
  categoryFilter: string;
  allCategories: string;
  branchFilter: string;
  allBranches: string;
  archiveRead: string;
}

/** The preferences panel's strings (a chunk loaded when it opens); `strings` may override them. */
export interface PreferenceStrings {
  preferences: string;
  prefCategories: string;
  prefChannels: string;
  quietHours: string;
  quietFrom: string;
  quietTo: string;
  save: string;
  saved: string;
  saveFailed: string;
  loading: string;
}

/** The snooze choices' strings (a chunk loaded when a row's clock is first pressed). */
export interface SnoozeStrings {
  snoozeUntil: string;
  snoozeHour: string;
  snoozeHours: string;
  snoozeTomorrow: string;
}

/** What a host may override: every string, the lazily loaded parts' too. */
export type AvisoStringOverrides = Partial<AvisoStrings & FilterStrings & PreferenceStrings & SnoozeStrings>;

const es: AvisoStrings = {
  bell: 'Notificaciones',
  bellUnread: 'Notificaciones, {count} sin leer',
  inbox: 'Bandeja de notificaciones',
  all: 'Todas',
  unread: 'No leídas',
  archived: 'Archivadas',
  markAllRead: 'Marcar todas como leídas',
  markRead: 'Marcar como leída',
  markUnread: 'Marcar como no leída',
  archive: 'Archivar',
  unarchive: 'Desarchivar',
  snooze: 'Posponer',
  preferences: 'Preferencias',
  close: 'Cerrar',
  dismiss: 'Descartar',
  empty: 'No tienes notificaciones.',
  emptyUnread: 'Estás al día.',
  emptyArchived: 'No hay notificaciones archivadas.',
  loading: 'Cargando…',
  error: 'No se pudieron cargar las notificaciones.',
  retry: 'Reintentar',
  offline: 'Sin conexión. Reintentando…',
  reconnecting: 'Reconectando…',
  signedOut: 'Tu sesión ya no es válida. Vuelve a cargar la página.',
  missed: '{count} avisos mientras estabas sin conexión',
  missedOne: '1 aviso mientras estabas sin conexión',
  more: '+{count} más',
  loadMore: 'Cargar más',
  newNotification: 'Nueva notificación',
  unreadMark: 'sin leer',
};

const en: AvisoStrings = {
  bell: 'Notifications',
  bellUnread: 'Notifications, {count} unread',
  inbox: 'Notification inbox',
  all: 'All',
  unread: 'Unread',
  archived: 'Archived',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  markUnread: 'Mark as unread',
  archive: 'Archive',
  unarchive: 'Move to inbox',
  snooze: 'Snooze',
  preferences: 'Preferences',
  close: 'Close',
  dismiss: 'Dismiss',
  empty: 'You have no notifications.',
  emptyUnread: 'You are all caught up.',
  emptyArchived: 'No archived notifications.',
  loading: 'Loading…',
  error: 'Notifications could not be loaded.',
  retry: 'Retry',
  offline: 'Offline. Reconnecting…',
  reconnecting: 'Reconnecting…',
  signedOut: 'Your session is no longer valid. Reload the page.',
  missed: '{count} notifications while you were offline',
  missedOne: '1 notification while you were offline',
  more: '+{count} more',
  loadMore: 'Load more',
  newNotification: 'New notification',
  unreadMark: 'unread',
};

const pt: AvisoStrings = {
  bell: 'Notificações',
  bellUnread: 'Notificações, {count} não lidas',
  inbox: 'Caixa de notificações',
  all: 'Todas',
  unread: 'Não lidas',
  archived: 'Arquivadas',
  markAllRead: 'Marcar todas como lidas',
  markRead: 'Marcar como lida',
  markUnread: 'Marcar como não lida',
  archive: 'Arquivar',
  unarchive: 'Desarquivar',
  snooze: 'Adiar',
  preferences: 'Preferências',
  close: 'Fechar',
  dismiss: 'Dispensar',
  empty: 'Você não tem notificações.',
  emptyUnread: 'Tudo em dia.',
  emptyArchived: 'Nenhuma notificação arquivada.',
  loading: 'Carregando…',
  error: 'Não foi possível carregar as notificações.',
  retry: 'Tentar de novo',
  offline: 'Sem conexão. Reconectando…',
  reconnecting: 'Reconectando…',
  signedOut: 'Sua sessão não é mais válida. Recarregue a página.',
  missed: '{count} avisos enquanto você estava sem conexão',
  missedOne: '1 aviso enquanto você estava sem conexão',
  more: '+{count} mais',
  loadMore: 'Carregar mais',
  newNotification: 'Nova notificação',
  unreadMark: 'não lida',
};

/** Built-in languages; anything else falls back to Spanish, the catalog's first language. */
export const STRINGS: Readonly<Record<string, AvisoStrings>> = { es, en, pt };

/** Picks the language from `lang` (element, then page), e.g. `en-US` → `en`. */
export function pickLang(lang: string | null | undefined): 'es' | 'en' | 'pt' {
  const base = (lang || '').toLowerCase().split('-')[0] ?? '';
  return base in STRINGS ? (base as 'en') : 'es';
}

/** The strings for a language with the host's overrides applied. */
export function stringsFor(lang: string, overrides: AvisoStringOverrides = {}): AvisoStrings {
  return { ...(STRINGS[pickLang(lang)] ?? es), ...overrides };
}

/** "hace 5 minutos" / "5 minutes ago" in the user's locale. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.abs(seconds) < 10 ? 0 : seconds, 'second');
}
