export { AvisoBell, type ToastPosition } from './aviso-bell.ts';
export {
  AvisoClient,
  type AvisoClientOptions,
  AvisoError,
  type ConnectionStatus,
  type InboxFilter,
  type InboxQuery,
  NotificationReceivedEvent,
  NotificationsMissedEvent,
  NotificationUpdatedEvent,
  tokenClaims,
  tokenExpiry,
} from './client.ts';
export { type AvisoClientCallbacks, AvisoClientController } from './client-controller.ts';
export { AvisoActionEvent, AvisoNavigateEvent, AvisoNotificationEvent } from './events.ts';
export { drawIcon, ICON_PATHS, type IconOverride, iconFor } from './icons.ts';
export { followLink, type LinkOptions, resolveLink } from './links.ts';
export {
  type AvisoStringOverrides,
  type AvisoStrings,
  type FilterStrings,
  type PreferenceStrings,
  pickLang,
  relativeTime,
  STRINGS,
  stringsFor,
} from './strings.ts';
