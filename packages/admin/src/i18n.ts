import type { UiKey } from './i18n/en.ts';
import * as es from './i18n/es.ts';
import type { Terms } from './i18n/terms.ts';

export type { Condition, ReasonKey, SendErrorCode, Step, Terms } from './i18n/terms.ts';
export type StringKey = UiKey;

/** The console's languages, Spanish first (the order of the language switch). */
export const LANG_CODES = ['es', 'en', 'pt'] as const;
export type Lang = (typeof LANG_CODES)[number];

/** One language: its sentences and its vocabulary. */
export interface Dictionary {
  ui: Record<UiKey, string>;
  terms: Terms;
}

// Spanish is in the bundle; English and Portuguese are fetched the first time they are chosen.
const loaded: Partial<Record<Lang, Dictionary>> = { es };
const loaders: Record<Exclude<Lang, 'es'>, () => Promise<Dictionary>> = {
  en: () => import('./i18n/en.ts'),
  pt: () => import('./i18n/pt.ts'),
};

/** Makes a language ready for `translator` and `termsOf`. */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang !== 'es') loaded[lang] ??= await loaders[lang]();
}

/** Whether a language can be used right away. */
export const isLoaded = (lang: Lang) => loaded[lang] !== undefined;

const dictionary = (lang: Lang): Dictionary => loaded[lang] ?? es;

const LANG_KEY = 'aviso.admin.lang';
const isLang = (v: unknown): v is Lang => (LANG_CODES as readonly unknown[]).includes(v);

/** The saved choice, else the browser's first language the console speaks, else Spanish. */
export function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  if (isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'es';
}

export function saveLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
}

/** Fills `{name}` placeholders; a value that is missing leaves an empty string. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** A translator for one language (Spanish until it is loaded): `t('lastDays', {n: 7})`. */
export function translator(lang: Lang) {
  const strings = dictionary(lang).ui;
  return (key: UiKey, vars: Record<string, string | number> = {}) => fill(strings[key], vars);
}
export type Translate = ReturnType<typeof translator>;

/** The vocabulary of one language (statuses, categories, roles, field names…). */
export function termsOf(lang: Lang): Terms {
  return dictionary(lang).terms;
}

/** The label of a channel configuration field: the kind's own wording, else the shared one, else the key. */
export function fieldLabel(terms: Terms, kind: string, key: string): string {
  return terms.field[`${kind}.${key}`] ?? terms.field[key] ?? key;
}

/** The help line of a channel configuration field, if it has one. */
export function fieldHelp(terms: Terms, kind: string, key: string): string | undefined {
  return terms.fieldHelp[`${kind}.${key}`] ?? terms.fieldHelp[key];
}
