/**
 * Hostile values for the property-based suites: what an attacker or a broken client sends where a
 * schema expects something sane. Each is a plain JSON value (or raw text), so it fits any body.
 */
import fc from 'fast-check';

/** `{a: {a: … {}}}`, `levels` objects deep, as JSON text (`JSON.stringify` overflows thousands deep). */
export const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}{}${'}'.repeat(levels)}`;

/** `[[[…]]]`, `levels` arrays deep, as a value (kept under the depth `JSON.stringify` manages). */
const nestedArray = (levels: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

/** Strings no field should choke on: control and lone-surrogate characters, injections, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ud83d\ude00', // a real emoji (a valid surrogate pair): must keep working
  '\u202e\u200b\ufeff',
  '\r\n\t',
  "' OR '1'='1",
  "'; DROP TABLE tenants; --",
  '"; select pg_sleep(5); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{ 7 | times: 7 }}',
  '{% for i in (1..100) %}{% for j in (1..100) %}x{% endfor %}{% endfor %}',
  '{{',
  '../../etc/passwd',
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%00',
  '-'.repeat(36),
  '0'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff-',
  '__proto__',
  'constructor',
  '1e999',
  '-1',
  'NaN',
  'null',
  'x'.repeat(300),
  'x'.repeat(70_000),
  '\u00e9'.repeat(5_000),
];

/** Numbers at and past every edge a column or a schema may have. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  -(2 ** 31) - 1,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Any hostile JSON value: strings, numbers, wrong types, deep nesting, many keys, odd keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.constantFrom(nestedArray(40), nestedArray(500)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      JSON.parse(nestedJson(40)),
      JSON.parse(nestedJson(1_000)),
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
      Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
      { 'k\u0000': 1, '\ud800': 2 },
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Bodies that are not JSON of the right shape at all (sent as raw text with a JSON content type). */
export const RAW_BODIES: readonly string[] = [
  '',
  '{',
  '{"a":',
  'nul',
  'null',
  '[]',
  '"text"',
  '12',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  nestedJson(5_000),
  `[${'['.repeat(5_000)}${']'.repeat(5_000)}]`,
  `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
];

/**
 * Percent-encodes a value for a path or query, as a client would; a string with a lone surrogate
 * (which `encodeURIComponent` refuses) goes as its WTF-8 bytes, which are not valid UTF-8.
 */
export function encodeValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    let out = '';
    for (const ch of value) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      } else out += encodeURIComponent(ch);
    }
    return out;
  }
}

/** Raw path or query pieces sent as they are: malformed percent-encodings, dot segments, NUL. */
export const RAW_URL_PIECES: readonly string[] = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '%2e%2e',
  '..',
  'a%2Fb',
  '%252e',
  '%%32%65',
  'x'.repeat(3_000),
];

/** Counts the nodes of a JSON value (the slots `replaceAt` can pick). */
function nodes(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((n, v) => n + nodes(v), 0);
  if (value && typeof value === 'object')
    return 1 + Object.values(value).reduce<number>((n, v) => n + nodes(v), 0);
  return 1;
}

/**
 * A copy of `value` with its `n`-th node (mod the node count, depth first) replaced by `by`, or, in
 * an object, that key dropped or a foreign key added (`how`).
 */
export function replaceAt(
  value: unknown,
  n: number,
  by: unknown,
  how: 'replace' | 'drop' | 'add' = 'replace',
): unknown {
  let left = n % nodes(value);
  const walk = (v: unknown): unknown => {
    if (left-- === 0) {
      if (how === 'replace' || !v || typeof v !== 'object' || Array.isArray(v)) return by;
      const entries = Object.entries(v);
      if (how === 'drop' && entries.length) return Object.fromEntries(entries.slice(1));
      return { ...v, [`unexpected_${entries.length}`]: by };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

/** A valid value from `valid`, with one place made hostile (a replaced value, a dropped or added key). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid,
      hostileValue,
      fc.nat(),
      fc.constantFrom('replace', 'replace', 'drop', 'add') as fc.Arbitrary<'replace' | 'drop' | 'add'>,
    )
    .map(([v, by, n, how]) => replaceAt(v, n, by, how));
}
