import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection, for tests that measure the heap (V8's `gc`, exposed on first use). */
setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;
