import { type DeliveryStatus, ERRORS, type ErrorCode } from '@aviso/protocol';
import { ApiError } from './api.ts';
import { fill, type ReasonKey, type SendErrorCode, type Terms, type Translate } from './i18n.ts';

// The hub answers errors by code with an English message built from a template; the console
// reads the values back out of that message and writes the message again in its own language.

const escapeRegExp = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** The values the hub put into a code's English template, read back out of its message. */
export function errorParams(code: string, message: string): Record<string, string> {
  const template = (ERRORS as Record<string, { message: string } | undefined>)[code]?.message;
  if (!template) return {};
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      names.push(name);
      return '(.*?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(message);
  return match ? Object.fromEntries(names.map((n, i) => [n, match[i + 1] ?? ''])) : {};
}

/** An error as people read it: the API's message in the console's language, or a network problem. */
export function errorText(err: unknown, t: Translate, terms: Terms): string {
  if (err instanceof ApiError) {
    const template = terms.error[err.code as ErrorCode];
    if (!template) return err.message;
    const params = errorParams(err.code, err.message);
    if (params.status) params.status = terms.status[params.status as DeliveryStatus] ?? params.status;
    if (params.kind) params.kind = terms.kind[params.kind as keyof Terms['kind']] ?? params.kind;
    return fill(template, params);
  }
  if (err instanceof TypeError) return t('network');
  return err instanceof Error ? err.message : String(err);
}

/** A channel's failure code in words (`HTTP_502` → "The provider answered HTTP 502"). */
export function sendErrorText(code: string | null, terms: Terms): string {
  if (!code) return '';
  const http = /^HTTP_(\d{3})$/.exec(code);
  if (http) return fill(terms.sendError.HTTP, { n: http[1]! });
  return terms.sendError[code as SendErrorCode] ?? code;
}

// The hub's wording of why a delivery was cancelled, skipped or deferred (server/src/delivery).
const REASONS: [RegExp, ReasonKey][] = [
  [/^the notification no longer exists$/, 'notificationGone'],
  [/^the recipient was removed$/, 'recipientRemoved'],
  [/^seen by a target before escalation$/, 'seenByTarget'],
  [/^read by a target before escalation$/, 'readByTarget'],
  [/^seen before the step fired$/, 'seenBefore'],
  [/^read before the step fired$/, 'readBefore'],
  [/^read or seen before the step fired$/, 'readOrSeenBefore'],
  [/^opted out of (\w+)$/, 'optedOut'],
  [/^quiet hours$/, 'quietHours'],
  [/^online when the step fell due$/, 'online'],
  [/^presence unknown/, 'presenceUnknown'],
  [/^in digest /, 'inDigest'],
  [/^sent in digest /, 'sentInDigest'],
  [/^no enabled channel and address for this person$/, 'noAddress'],
  [/^the webhook endpoint is disabled or gone$/, 'hookGone'],
  [/^no channel could send it$/, 'noChannelCouldSend'],
];

/**
 * Why a delivery ended as it did, in the console's language: a known reason, else the channel's
 * failure code in words followed by the provider's own text.
 */
export function reasonText(lastError: string | null, errorCode: string | null, terms: Terms): string {
  if (!lastError && !errorCode) return '';
  for (const [pattern, key] of REASONS) {
    const m = lastError ? pattern.exec(lastError) : null;
    if (m) {
      const category = m[1] ? (terms.category[m[1] as keyof Terms['category']] ?? m[1]) : '';
      return fill(terms.reason[key], { category });
    }
  }
  const code = sendErrorText(errorCode, terms);
  return [code, lastError].filter(Boolean).join(': ');
}

/** One problem zod found, as far as the console needs to know it. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message?: string;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  expected?: string;
}

/** A zod issue in the console's words (the schema's own English messages are for the API). */
export function issueText(issue: Issue, t: Translate): string {
  const n = Number(issue.minimum ?? issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === '') return t('needed');
      return issue.expected === 'int' ? t('wholeNumber') : t('fieldInvalid');
    case 'too_small':
      if (issue.origin === 'string') return n <= 1 ? t('needed') : t('tooShort', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t('fewItems', { n });
      return t('tooSmall', { n });
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', { n });
      if (issue.origin === 'array' || issue.origin === 'set') return t('manyItems', { n });
      return t('tooBig', { n });
    case 'invalid_format':
      if (issue.format === 'email') return t('notEmail');
      if (issue.format === 'url') return t('notUrl');
      return t('badFormat');
    case 'invalid_value':
    case 'invalid_union':
      return t('pickOne');
    default:
      return t('fieldInvalid');
  }
}

/** Field messages by dotted path (`config.port`), from zod issues. */
export function issuesByPath(issues: readonly Issue[], t: Translate, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    out[path] ??= issueText(issue, t);
  }
  return out;
}

/**
 * The field messages of an API error (`details: [{path, message}]`), in the console's language
 * where the code says what is wrong with the field, else the hub's own words.
 */
export function apiFieldErrors(err: unknown, t: Translate, terms: Terms): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { path?: unknown; message?: unknown }[]) {
    if (typeof d?.path !== 'string') continue;
    const own =
      err.code === 'DESTINATION_NOT_ALLOWED'
        ? terms.sendError.DESTINATION_NOT_ALLOWED
        : err.code === 'SECRET_REQUIRED'
          ? t('secretAgain')
          : undefined;
    out[d.path] ??= own ?? (typeof d.message === 'string' ? d.message : t('fieldInvalid'));
  }
  return out;
}

/** `Name <address>` or a bare address, as an email header accepts it. */
export function isMailbox(text: string): boolean {
  const s = text.trim();
  const address = /^(?:"?[^"<>]*"?\s*)?<([^<>\s]+)>$/.exec(s)?.[1] ?? s;
  return /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/.test(address);
}
