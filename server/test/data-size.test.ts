import { DataSchema, jsonLengthBound } from '@aviso/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe("the size bound that spares serializing an event's data", () => {
  it('is never below the length of the JSON, for any JSON value, escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 2_000 }), (value, limit) => {
        const length = JSON.stringify(value).length;
        const bound = jsonLengthBound(value, limit);
        // Past the limit it may stop counting: then it is above the limit, which is all a caller asks.
        expect(bound >= length || bound > limit, JSON.stringify(value)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
    // The longest numbers JSON has: decimal with five zeros, and exponent form.
    for (const n of [-0.0000010028129213219902, -Number.MAX_VALUE]) {
      expect(jsonLengthBound(n, 1_000)).toBeGreaterThanOrEqual(JSON.stringify(n).length);
    }
    for (const text of ['"\\\u0000\n', '\ud800x', 'ñ🧾']) {
      expect(jsonLengthBound({ [text]: [text] }, 1_000)).toBeGreaterThanOrEqual(
        JSON.stringify({ [text]: [text] }).length,
      );
    }
  });

  it('counts what is not plain JSON as unbounded, so that it is serialized to be measured', () => {
    for (const value of [{ at: new Date() }, [undefined], { a: undefined }, new Map()]) {
      expect(jsonLengthBound(value, 1_000)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('still refuses data over 32 KB, and takes data just under it', () => {
    const near = (length: number) => ({ note: 'x'.repeat(length - '{"note":""}'.length) });
    expect(DataSchema.safeParse(near(32 * 1024)).success).toBe(true);
    expect(DataSchema.safeParse(near(32 * 1024 + 1)).success).toBe(false);
    // Escapes count as what they become: a NEWLINE is two characters of JSON (`\n`).
    expect(DataSchema.safeParse({ n: '\n'.repeat(16_000) }).success).toBe(true);
    expect(DataSchema.safeParse({ n: '\n'.repeat(16_390) }).success).toBe(false);
  });
});
