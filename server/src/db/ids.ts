import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Cryptographic randomness drawn 8 KiB at a time: the generator's own source draws 32 bytes at a
 * time, a call into the system for every few ids (4 % of a batch's CPU).
 */
class PooledRandom {
  private readonly pool = new Uint32Array(2048);
  private next = this.pool.length;

  nextUint32(): number {
    if (this.next === this.pool.length) {
      randomFillSync(this.pool);
      this.next = 0;
    }
    return this.pool[this.next++]!;
  }
}

const ids = new V7Generator(new PooledRandom());

/** Time-ordered ids for notifications: the id is also the cursor and the replay mark. */
export const newId = (): string => ids.generate().toString();

/** A random secret with a readable prefix, e.g. `ak_…` for API keys, `wsec_…` for widget secrets. */
export const newSecret = (prefix: string, bytes = 24): string =>
  `${prefix}_${randomBytes(bytes).toString('base64url')}`;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
