import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Time-ordered ids for notifications: the id is also the cursor and the replay mark. */
export const newId = (): string => uuidv7();

/** A random secret with a readable prefix, e.g. `ak_…` for API keys, `wsec_…` for widget secrets. */
export const newSecret = (prefix: string, bytes = 24): string =>
  `${prefix}_${randomBytes(bytes).toString('base64url')}`;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
