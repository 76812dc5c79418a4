import type { UiKey } from './i18n/en.ts';
import * as en from './i18n/en.ts';
import * as es from './i18n/es.ts';
import * as pt from './i18n/pt.ts';
import type { Terms } from './i18n/terms.ts';

export type { Condition, ReasonKey, SendErrorCode, Step, Terms } from './i18n/terms.ts';
export type StringKey = UiKey;

/** The console's languages, Spanish first (the order of the language switch). */
export const LANGS = { es, en, pt } as const;
export type Lang = keyof typeof LANGS;
export const LANG_CODES = Object.keys(LANGS) as Lang[];

const LANG_KEY = 'aviso.admin.lang';
const isLang = (v: unknown): v is Lang => typeof v === 'string' && v in LANGS;

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

/** A translator for one language: `t('lastDays', {n: 7})`. */
export function translator(lang: Lang) {
  const strings = LANGS[lang].ui;
  return (key: UiKey, vars: Record<string, string | number> = {}) => fill(strings[key], vars);
}
export type Translate = ReturnType<typeof translator>;

/** The vocabulary of one language (statuses, categories, roles, field names…). */
export function termsOf(lang: Lang): Terms {
  return LANGS[lang].terms;
}

/** The label of a channel configuration field: the kind's own wording, else the shared one, else the key. */
export function fieldLabel(terms: Terms, kind: string, key: string): string {
  return terms.field[`${kind}.${key}`] ?? terms.field[key] ?? key;
}

/** The help line of a channel configuration field, if it has one. */
export function fieldHelp(terms: Terms, kind: string, key: string): string | undefined {
  return terms.fieldHelp[`${kind}.${key}`] ?? terms.fieldHelp[key];
}
