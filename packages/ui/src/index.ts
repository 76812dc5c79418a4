export * from './icons.ts';
export * from './tokens.ts';
