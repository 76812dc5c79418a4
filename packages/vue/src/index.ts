import '@aviso/widget/aviso-bell';
import type {
  AvisoActionEvent,
  AvisoBell as AvisoBellElement,
  AvisoNavigateEvent,
  AvisoNotificationEvent,
} from '@aviso/widget';
import { defineComponent, h, type PropType } from 'vue';

export type {
  AvisoActionEvent,
  AvisoNavigateEvent,
  AvisoNotificationEvent,
  ToastPosition,
} from '@aviso/widget';

type Element = AvisoBellElement;

// Strings, numbers and booleans become the element's attributes; functions, objects and arrays are
// set as its properties. Left undefined, the element's default stays.
const props = {
  server: String,
  token: String,
  lang: String,
  toastPosition: String as PropType<Element['toastPosition']>,
  maxToasts: Number,
  toastDuration: Number,
  theme: String as PropType<Element['theme']>,
  open: { type: Boolean, default: undefined },
  sound: { type: Boolean, default: undefined },
  desktopNotifications: { type: Boolean, default: undefined },
  align: String as PropType<'left' | 'right'>,
  linkTemplates: Object as PropType<Element['linkTemplates']>,
  allowedOrigins: Array as PropType<Element['allowedOrigins']>,
  linkFor: Function as PropType<NonNullable<Element['linkFor']>>,
  icons: Object as PropType<Element['icons']>,
  strings: Object as PropType<Element['strings']>,
  getToken: Function as PropType<NonNullable<Element['getToken']>>,
  client: Object as PropType<NonNullable<Element['client']>>,
} as const;

/**
 * `<aviso-bell>` as a Vue 3 component, with typed props and events: `@navigate` (cancel it to route
 * yourself), `@notification` (cancel it to suppress the toast) and `@action`. Importing this module
 * defines the element; no `isCustomElement` setting is needed.
 *
 * ```vue
 * <AvisoBell :token="token" @navigate="(e) => { e.preventDefault(); router.push(e.link); }" />
 * ```
 */
export const AvisoBell = defineComponent({
  name: 'AvisoBell',
  props,
  emits: {
    navigate: (_e: AvisoNavigateEvent) => true,
    notification: (_e: AvisoNotificationEvent) => true,
    action: (_e: AvisoActionEvent) => true,
  },
  setup(bellProps, { emit, expose }) {
    let element: Element | null = null;
    // The element itself, for what props do not cover (`unreadCount`, `client`).
    expose({ element: () => element });
    return () => {
      const set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(bellProps)) {
        if (value === undefined || value === null) continue;
        if (typeof value === 'string' || typeof value === 'number') {
          // As attributes (`toast-position`), so server-rendered HTML carries them too.
          set[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = value;
        } else if (typeof value === 'boolean') {
          // Present or absent: Lit reads `sound="false"` as true.
          if (value) set[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = '';
        } else {
          // Functions, objects and arrays as properties (the element is defined: `key in el`).
          set[key] = value;
        }
      }
      return h('aviso-bell', {
        ...set,
        ref: (el: unknown) => {
          element = el as Element | null;
        },
        'onAviso-navigate': (e: AvisoNavigateEvent) => emit('navigate', e),
        'onAviso-notification': (e: AvisoNotificationEvent) => emit('notification', e),
        'onAviso-action': (e: AvisoActionEvent) => emit('action', e),
      });
    };
  },
});
