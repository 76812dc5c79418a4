import { describe, expect, it } from 'vitest';
import { Gather } from './gather.ts';

describe('Gather', () => {
  it('sends a lone ask at once and what comes while it is out together in the next call', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const gather = new Gather<number, number>(async (asks) => {
      calls.push(asks);
      if (calls.length === 1) await held;
      return asks.map((a) => a * 10);
    }, 3);
    const first = gather.ask(1);
    const rest = [2, 3, 4, 5].map((n) => gather.ask(n));
    expect(calls).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    // At most three a call, in the order asked.
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('keeps up to `inFlight` calls out, and fails only the asks of a call that failed', async () => {
    let out = 0;
    let most = 0;
    const gather = new Gather<number, number>(
      async (asks) => {
        out++;
        most = Math.max(most, out);
        await new Promise((r) => setTimeout(r, 5));
        out--;
        if (asks.includes(3)) throw new Error('refused');
        return asks;
      },
      1,
      2,
    );
    const answers = await Promise.allSettled([1, 2, 3, 4].map((n) => gather.ask(n)));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([
      1,
      2,
      'refused',
      4,
    ]);
    expect(most).toBe(2);
  });
});
