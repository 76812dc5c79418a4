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

/** A string with `isWellFormed` (ES2024), where the runtime has it (Node 20, current browsers). */
type MaybeWellFormed = string & { isWellFormed?: () => boolean };

/** True when a string can be stored as it is. */
export const isSafeText = (text: string): boolean => {
  if (text.includes('\u0000')) return false;
  const t = text as MaybeWellFormed;
  return t.isWellFormed ? t.isWellFormed() : !LONE_SURROGATE.test(text);
};

/** A string of at most `max` characters (at least `min`) that can be stored as it is. */
export const safeText = (max: number, min = 0) =>
  z.string().min(min).max(max).refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });

/** How deep JSON given by a caller may nest: `{}` is one level, `{"a": {}}` two. */
export const JSON_MAX_DEPTH = 32;

const NONE: ReadonlySet<string> = new Set();

/**
 * The longest a number can be as JSON: 17 significant digits after up to five zeros
 * (`-0.0000010028129213219902`, 25), one more than the longest exponent form
 * (`-1.7976931348623157e+308`).
 */
const NUMBER_MAX_LENGTH = 25;

/**
 * At least `JSON.stringify(value).length`, found without serializing: each string counted as if
 * every character needed a `\uXXXX` escape, each number at its longest. Stops counting once past
 * `limit`. A value that is not plain JSON (an object with its own prototype, a Date) counts as
 * unbounded, so that the caller serializes it. For a value `jsonProblem` accepted (bounded depth).
 */
export function jsonLengthBound(value: unknown, limit: number): number {
  let total = 0;
  const add = (v: unknown): boolean => {
    if (typeof v === 'string') total += 2 + 6 * v.length;
    else if (typeof v === 'number') total += NUMBER_MAX_LENGTH;
    else if (typeof v === 'boolean' || v === null) total += 5;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (let i = 0; i < v.length && total <= limit; i++) add(v[i]);
    } else if (typeof v === 'object' && isPlain(v)) {
      total += 2;
      for (const key of Object.keys(v)) {
        if (total > limit) break;
        total += 4 + 6 * key.length;
        add((v as Record<string, unknown>)[key]);
      }
    } else total = Number.POSITIVE_INFINITY;
    return total <= limit;
  };
  add(value);
  return total;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Where a JSON value cannot be stored and why. */
export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Finds the first place where a parsed JSON value is too deep or holds a string (or key) that
 * cannot be stored; top-level keys in `checked` are left out (their own schema checked them). A
 * value nested thousands deep cannot overflow the stack: the walk goes no deeper than `maxDepth`,
 * where it stops with that problem. The path is built only on the way out of the one place at
 * fault; nothing is allocated for a value without one.
 */
export function jsonProblem(
  value: unknown,
  maxDepth = JSON_MAX_DEPTH,
  checked: ReadonlySet<string> = NONE,
): JsonProblem | undefined {
  const path: (string | number)[] = [];
  const walk = (v: unknown, depth: number): string | undefined => {
    if (typeof v === 'string') return isSafeText(v) ? undefined : UNSAFE_TEXT_MESSAGE;
    if (v === null || typeof v !== 'object') return undefined;
    if (depth >= maxDepth) return `at most ${maxDepth} levels of nesting`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const problem = walk(v[i], depth + 1);
        if (problem) {
          path.unshift(i);
          return problem;
        }
      }
      return undefined;
    }
    for (const key of Object.keys(v)) {
      if (!isSafeText(key)) {
        path.unshift(key);
        return `keys: ${UNSAFE_TEXT_MESSAGE}`;
      }
      if (depth === 0 && checked.has(key)) continue;
      const problem = walk((v as Record<string, unknown>)[key], depth + 1);
      if (problem) {
        path.unshift(key);
        return problem;
      }
    }
    return undefined;
  };
  const message = walk(value, 0);
  return message === undefined ? undefined : { path, message };
}

/**
 * The same schema, also refusing parsed values that `jsonProblem` finds fault with. The schema's
 * own fields run first, so any `unknown` field in it must bound its depth itself (as `DataSchema` does).
 * `checked` names top-level fields whose own schema already walked them (an event's `data`): not
 * walked twice.
 */
export function safeJson<T extends z.ZodType>(
  schema: T,
  maxDepth = JSON_MAX_DEPTH,
  checked: readonly string[] = [],
): T {
  const skip = new Set(checked);
  return schema.superRefine((value, ctx) => {
    const problem = jsonProblem(value, maxDepth, skip);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
}
