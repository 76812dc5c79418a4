import { UUID } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('mints version 7 UUIDs, each new and each after the one before', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    // Their random part varies (the pooled source is refilled, never reused).
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
    // The text is the library's own for the same bytes.
    for (const id of ids.slice(0, 500)) expect(UUID.parse(id).toString()).toBe(id);
  });
});
