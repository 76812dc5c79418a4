export * from './api.ts';
export * from './catalog.ts';
export * from './errors.ts';
export * from './links.ts';
export * from './notification.ts';
export * from './socket-events.ts';
