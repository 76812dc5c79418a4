import {
  AvisoActionEvent,
  AvisoBell as AvisoBellElement,
  AvisoNavigateEvent,
  AvisoNotificationEvent,
} from '@aviso/widget';
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

export type {
  AvisoActionEvent,
  AvisoNavigateEvent,
  AvisoNotificationEvent,
  ToastPosition,
} from '@aviso/widget';

/**
 * `<aviso-bell>` as a React component: its properties are props (`token`, `server`, `lang`,
 * `toastPosition`, `getToken`, `linkFor`, …, set as properties, so functions and objects pass
 * through on React 17 and 18 too), and its events are `onNavigate`, `onNotification` and `onAction`.
 * Importing this module defines the element.
 *
 * ```tsx
 * <AvisoBell token={token} onNavigate={(e) => { e.preventDefault(); navigate(e.link); }} />
 * ```
 */
export const AvisoBell = createComponent({
  tagName: 'aviso-bell',
  elementClass: AvisoBellElement,
  react: React,
  events: {
    onNavigate: AvisoNavigateEvent.type as EventName<AvisoNavigateEvent>,
    onNotification: AvisoNotificationEvent.type as EventName<AvisoNotificationEvent>,
    onAction: AvisoActionEvent.type as EventName<AvisoActionEvent>,
  },
  displayName: 'AvisoBell',
});

/** The props `<AvisoBell>` takes. */
export type AvisoBellProps = React.ComponentProps<typeof AvisoBell>;
