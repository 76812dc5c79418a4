/**
 * How the property-based suites run: a fixed seed by default (CI runs the same cases every time),
 * `AVISO_FUZZ_SEED` and `AVISO_FUZZ_RUNS` to explore, a time bound per batch, and short reports.
 */
import fc from 'fast-check';

/** How many runs and which seed: fixed by default, so CI runs the same cases; overridable to explore. */
export const FUZZ_SEED = Number(process.env.AVISO_FUZZ_SEED ?? 20_240_611);
export const fuzzRuns = (fallback: number) => Number(process.env.AVISO_FUZZ_RUNS ?? fallback);
/**
 * The most one batch (a route's runs, or a socket property) may take, shrinking included: a slow
 * machine runs fewer cases rather than stalling CI, and a failure found is still reported.
 */
export const BATCH_MS = 15_000;

/** A failed property in a few lines: where, the seeds, what broke, and the case (each line cut short). */
export function fuzzReport(label: string, seed: number, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = (err as { cause?: unknown })?.cause;
  const lines = [
    `${label}: AVISO_FUZZ_SEED=${FUZZ_SEED} (this batch: seed ${seed})`,
    ...(cause instanceof Error ? [cause.message] : []),
    ...message.split('\n').filter((l) => /^(Property failed|Counterexample|\{ seed)/.test(l)),
  ];
  return lines.map((l) => (l.length > 700 ? `${l.slice(0, 700)}…` : l)).join('\n');
}

/**
 * Asserts `run` for values of `arb` with the suite's seed plus `offset` (each batch has its own
 * cases), bounded by BATCH_MS; a failure names both seeds and the smallest case found.
 */
export async function checkProperty<T>(
  label: string,
  offset: number,
  arb: fc.Arbitrary<T>,
  run: (value: T) => Promise<void>,
  numRuns: number,
): Promise<void> {
  const seed = FUZZ_SEED + offset;
  try {
    await fc.assert(fc.asyncProperty(arb, run), { seed, numRuns, interruptAfterTimeLimit: BATCH_MS });
  } catch (err) {
    throw new Error(fuzzReport(label, seed, err), { cause: err });
  }
}
