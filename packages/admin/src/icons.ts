// The bell's outlines come from @aviso/ui (shared, not copied), so the console and the bell look alike.
export { drawIcon, ICON_PATHS, iconStyles, UI_PATHS } from '@aviso/ui/icons';

/** Outlines of the console's navigation, on the same 24×24 grid. */
export const NAV_PATHS = {
  overview: 'M3 3v18h18M7 15l4-4 3 3 6-6',
  activity: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6',
  channels: 'M4 4h16v12H5l-1 4zM8 9h8M8 12h5',
  eventTypes: 'M4 6h16M4 12h10M4 18h7M17 15l3 3-3 3',
  deliveries: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  stock: 'M3 7l6 6 4-4 8 8M21 11v6h-6',
  recipients:
    'M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8',
  apiKeys: 'M21 2l-2 2m-7.6 7.6a5.5 5.5 0 1 1-7.8 7.8 5.5 5.5 0 0 1 7.8-7.8M15.5 7.5l3 3L22 7l-3-3',
  signOut: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9',
} as const;
