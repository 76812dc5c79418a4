import { describe, expect, it } from 'vitest';
import { isSafeText, JSON_MAX_DEPTH, jsonProblem, UNSAFE_TEXT_MESSAGE } from './safe.ts';

/** A value `levels` deep: `{}` is one level, `[{}]` two. */
const nested = (levels: number): unknown => {
  let v: unknown = {};
  for (let i = 1; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('isSafeText', () => {
  it('refuses NUL and unpaired surrogates, and keeps paired ones (emoji)', () => {
    expect(isSafeText('Nueva venta 🧾 en Sucursal Sur')).toBe(true);
    for (const bad of ['a\u0000b', 'x\ud800', '\udc00x', 'a\udbffb', '🧾'.slice(0, 1)]) {
      expect(isSafeText(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('jsonProblem', () => {
  it(`takes ${JSON_MAX_DEPTH} levels and refuses one more, where it begins`, () => {
    expect(jsonProblem(nested(JSON_MAX_DEPTH))).toBeUndefined();
    const problem = jsonProblem({ ok: 1, deep: nested(JSON_MAX_DEPTH) });
    expect(problem?.message).toBe(`at most ${JSON_MAX_DEPTH} levels of nesting`);
    expect(problem?.path[0]).toBe('deep');
    expect(problem?.path).toHaveLength(JSON_MAX_DEPTH);
  });

  it('stops a value nested a hundred thousand deep without overflowing', () => {
    let v: unknown = [];
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(jsonProblem(v)?.message).toBe(`at most ${JSON_MAX_DEPTH} levels of nesting`);
  });

  it('names the place of a string or key that cannot be stored', () => {
    const data = { items: [{ sku: 'A1' }, { sku: 'B\u0000' }], total: 3, ok: 'sí ✓' };
    expect(jsonProblem(data)).toEqual({ path: ['items', 1, 'sku'], message: UNSAFE_TEXT_MESSAGE });
    expect(jsonProblem({ a: { 'k\ud800': 1 } })).toEqual({
      path: ['a', 'k\ud800'],
      message: `keys: ${UNSAFE_TEXT_MESSAGE}`,
    });
    expect(jsonProblem(['fine', 1, null, true, { b: 'x\udc00' }])).toEqual({
      path: [4, 'b'],
      message: UNSAFE_TEXT_MESSAGE,
    });
    expect(jsonProblem(data.items)).toEqual({ path: [1, 'sku'], message: UNSAFE_TEXT_MESSAGE });
    expect(jsonProblem({ fine: [1, 'dos', { tres: null }] })).toBeUndefined();
  });
});
