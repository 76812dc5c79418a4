import {
  CATEGORIES,
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  ERROR_CODES,
  ICONS,
  ROLES,
  SEVERITIES,
  WEBHOOK_EVENT_TYPES,
} from '@aviso/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { KIND_FIELDS } from './channel-kinds.ts';
import { Formats, formatLocale } from './formats.ts';
import * as en from './i18n/en.ts';
import * as es from './i18n/es.ts';
import * as pt from './i18n/pt.ts';
import { fieldLabel, LANG_CODES, loadLang, termsOf, translator } from './i18n.ts';

const LANGS = { es, en, pt };
beforeAll(() => Promise.all(LANG_CODES.map(loadLang)));

import { errorParams, errorText, reasonText, sendErrorText } from './messages.ts';

describe('the console speaks Spanish, English and Portuguese in full', () => {
  it('has every sentence in every language, none left empty', () => {
    const keys = Object.keys(LANGS.en.ui).sort();
    for (const lang of LANG_CODES) {
      expect(Object.keys(LANGS[lang].ui).sort(), lang).toEqual(keys);
      for (const [key, text] of Object.entries(LANGS[lang].ui))
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it('names every status, category, severity, role, kind, icon and webhook event the API returns', () => {
    for (const lang of LANG_CODES) {
      const terms = termsOf(lang);
      for (const [values, table] of [
        [DELIVERY_STATUSES, terms.status],
        [CATEGORIES, terms.category],
        [SEVERITIES, terms.severity],
        [ROLES, terms.role],
        [CHANNEL_KINDS, terms.kind],
        [ICONS, terms.icon],
        [WEBHOOK_EVENT_TYPES, terms.webhookEvent],
      ] as const) {
        for (const v of values) expect((table as Record<string, string>)[v], `${lang}: ${v}`).toBeTruthy();
      }
    }
  });

  it('translates every error code of the API, using only values the English message carries', () => {
    for (const lang of LANG_CODES) {
      const terms = termsOf(lang);
      for (const code of ERROR_CODES) {
        const template = terms.error[code];
        expect(template, `${lang}: ${code}`).toBeTruthy();
        const english = LANGS.en.terms.error[code] ?? '';
        for (const [, name] of template!.matchAll(/\{(\w+)\}/g))
          expect(english, `${lang}: ${code}`).toContain(`{${name}}`);
      }
    }
  });

  it('labels every field of every channel form for people, not with its config key', () => {
    for (const lang of LANG_CODES) {
      const terms = termsOf(lang);
      for (const kind of CHANNEL_KINDS) {
        for (const f of KIND_FIELDS[kind]) {
          const label = fieldLabel(terms, kind, f.key);
          expect(label, `${lang}: ${kind}.${f.key}`).not.toBe(f.key);
          for (const o of f.input === 'select' && f.key === 'provider' ? (f.options ?? []) : []) {
            expect(terms.option[`provider.${o}`], `${lang}: provider ${o}`).toBeTruthy();
          }
        }
      }
    }
  });
});

describe('API messages in the reader’s language', () => {
  it('reads the values back out of the hub’s English message and writes them into the translation', () => {
    expect(errorParams('CHANNEL_NOT_FOUND', 'channel 42 not found')).toEqual({ id: '42' });
    const es = { t: translator('es'), terms: termsOf('es') };
    const err = new ApiError(
      409,
      'DELIVERY_NOT_RETRYABLE',
      'a sent delivery cannot be retried; only failed or bounced ones can',
    );
    expect(errorText(err, es.t, es.terms)).toBe(
      'Un envío enviado no se puede reintentar; solo los fallidos o rebotados.',
    );
    expect(errorText(new TypeError('Failed to fetch'), es.t, es.terms)).toMatch(/No se pudo contactar/);
    // A code the console does not know yet keeps the hub's words.
    expect(errorText(new ApiError(418, 'TEAPOT', 'short and stout'), es.t, es.terms)).toBe('short and stout');
  });

  it('explains delivery outcomes and provider failures', () => {
    const pt = termsOf('pt');
    expect(reasonText('opted out of inventory', null, pt)).toBe('A pessoa desativou Estoque');
    expect(reasonText('the notification no longer exists', null, termsOf('es'))).toBe(
      'La notificación ya no existe',
    );
    expect(reasonText('535 auth', 'AUTH_FAILED', termsOf('en'))).toBe(
      'The provider refused the credentials: 535 auth',
    );
    expect(sendErrorText('HTTP_502', termsOf('es'))).toBe('El proveedor respondió HTTP 502');
  });
});

describe('dates and amounts as the tenant writes them', () => {
  it('uses the tenant’s locale in its language, and its region in another', () => {
    expect(formatLocale('es', 'es-MX')).toBe('es-MX');
    expect(formatLocale('en', 'es-MX')).toBe('en-MX');
    expect(formatLocale('pt', 'es')).toBe('pt');
    const f = new Formats('es', { locale: 'es-MX', timezone: 'America/Mexico_City', currency: 'MXN' });
    expect(f.money(1250.5)).toBe('$1,250.50');
    expect(f.day('2025-11-23')).toMatch(/^23 nov/);
    // 02:30 UTC is still the evening before in Mexico City.
    expect(f.dateTime('2025-11-23T02:30:00Z')).toMatch(/22 nov 2025/);
    expect(new Formats('pt', { locale: 'pt-BR', timezone: 'UTC', currency: 'BRL' }).money(1250.5)).toMatch(
      /^R\$\s1\.250,50$/,
    );
  });
});
