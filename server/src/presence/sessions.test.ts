import { describe, expect, it } from 'vitest';
import type { PresenceLogRepo } from '../db/repos/presence-log.ts';
import { PresenceLog } from './sessions.ts';

/** A presence-log repository that records its writes and holds each until told to answer. */
function fakeRepo() {
  const writes: string[] = [];
  const held: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const hold = () =>
    new Promise<void>((resolve) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      held.push(() => {
        inFlight--;
        resolve();
      });
    });
  const repo = {
    open: (rows: { recipientId: string }[]) => {
      writes.push(`open ${rows.map((r) => r.recipientId).join(',')}`);
      return hold();
    },
    close: (_node: string, rows: { recipientId: string }[]) => {
      writes.push(`close ${rows.map((r) => r.recipientId).join(',')}`);
      return hold();
    },
  } as unknown as PresenceLogRepo;
  const tick = () => new Promise((r) => setTimeout(r, 0));
  /** Answers every write made so far, and lets the queue move on. */
  const answer = async () => {
    for (let i = 0; i < 5; i++) {
      for (const release of held.splice(0)) release();
      await tick();
    }
  };
  return { repo, writes, answer, mostInFlight: () => mostInFlight };
}

const log = { warn: () => {} };

describe('presence log', () => {
  it('writes the opens of a storm in one statement, and the closes of a drop in one statement', async () => {
    const fake = fakeRepo();
    const sessions = new PresenceLog({ repo: fake.repo, nodeId: 'n', log });
    sessions.connected('t', 'first', 's0');
    await new Promise((r) => setTimeout(r, 0)); // its write is under way: the next ones wait
    for (let i = 1; i <= 3; i++) sessions.connected('t', `p${i}`, `s${i}`);
    await fake.answer();
    expect(fake.writes).toEqual(['open first', 'open p1,p2,p3']);
    fake.writes.length = 0;
    for (let i = 1; i <= 3; i++) sessions.disconnected('t', `p${i}`, `s${i}`);
    await fake.answer();
    expect(fake.writes).toEqual(['close p1,p2,p3']);
    expect(fake.mostInFlight()).toBe(1);
  });

  it('keeps a person’s open, close and open again in order, though the first open was still waiting', async () => {
    const fake = fakeRepo();
    const sessions = new PresenceLog({ repo: fake.repo, nodeId: 'n', log });
    sessions.connected('t', 'busy', 's0');
    sessions.connected('t', 'ana', 's1');
    sessions.disconnected('t', 'ana', 's1');
    sessions.connected('t', 'ana', 's2'); // still open at the end: their session must not be closed
    await fake.answer();
    expect(fake.writes).toEqual(['open busy,ana', 'close ana', 'open ana']);
  });
});
