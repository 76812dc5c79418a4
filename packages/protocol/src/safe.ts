import { z } from 'zod';

/**
 * Input checks every schema shares: text PostgreSQL can store, JSON of bounded depth, and UUIDs
 * that really are UUIDs. Without them such input reaches the database and comes back as a 500.
 */

/**
 * A UUID in its canonical text form, the only one the API hands out (any version). Written without
 * regex flags: the OpenAPI generator copies a flag into the pattern (`…$/i`), which then matches nothing.
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for a canonical UUID: the one id check in front of every `uuid` column. */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/** An id Aviso minted (channel, notification, API key, stock alert, tenant…). */
export const UuidSchema = z
  .string()
  .regex(UUID_PATTERN, 'a UUID such as 0192f5e4-8c1a-7b3e-9d2f-5a6b7c8d9e0f');

// NUL, which PostgreSQL text cannot hold, and a UTF-16 half without its other half, which no
// UTF-8 can encode (PostgreSQL refuses it in jsonb; elsewhere it would silently become U+FFFD).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'no NUL characters or unpaired surrogates';

/** True when a string can be stored as it is. */
export const isSafeText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** A string of at most `max` characters (at least `min`) that can be stored as it is. */
export const safeText = (max: number, min = 0) =>
  z.string().min(min).max(max).refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });

/** How deep JSON given by a caller may nest: `{}` is one level, `{"a": {}}` two. */
export const JSON_MAX_DEPTH = 32;

/** Where a JSON value cannot be stored and why. */
export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Finds the first place where a parsed JSON value is too deep or holds a string (or key) that
 * cannot be stored. Walks with its own stack: a value nested thousands deep must not overflow ours.
 */
export function jsonProblem(value: unknown, maxDepth = JSON_MAX_DEPTH): JsonProblem | undefined {
  // Each entry knows its parent: the path is built only for the one place that is at fault.
  type Entry = { value: unknown; depth: number; parent?: Entry; key?: string | number };
  const pathOf = (e: Entry | undefined, last?: string) => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let at = e; at && at.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Entry[] = [{ value, depth: 0 }];
  while (stack.length) {
    const entry = stack.pop()!;
    const v = entry.value;
    if (typeof v === 'string') {
      if (!isSafeText(v)) return { path: pathOf(entry), message: UNSAFE_TEXT_MESSAGE };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (entry.depth >= maxDepth)
      return { path: pathOf(entry), message: `at most ${maxDepth} levels of nesting` };
    const depth = entry.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item = v[i];
        // Numbers, booleans and null need no entry of their own.
        if (item !== null && (typeof item === 'object' || typeof item === 'string')) {
          stack.push({ value: item, depth, parent: entry, key: i });
        }
      }
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      if (!isSafeText(key)) return { path: pathOf(entry, key), message: `keys: ${UNSAFE_TEXT_MESSAGE}` };
      stack.push({ value: child, depth, parent: entry, key });
    }
  }
  return undefined;
}

/**
 * The same schema, also refusing parsed values that `jsonProblem` finds fault with. The schema's
 * own fields run first, so any `unknown` field in it must bound its depth itself (as `DataSchema` does).
 */
export function safeJson<T extends z.ZodType>(schema: T, maxDepth = JSON_MAX_DEPTH): T {
  return schema.superRefine((value, ctx) => {
    const problem = jsonProblem(value, maxDepth);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
}
