// The hub's V8 flags (decisions 0017 and 0020) are written wherever it is started; they must not
// drift apart, or production runs another hub than the one the benches measured.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FLAGS = ['--max-semi-space-size=64', '--no-memory-reducer'];

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Each command line in `text` that runs the compiled hub, as written (a shell line or a JSON array). */
function hubStarts(text: string): string[] {
  return text.split('\n').filter((line) => /\bnode\b.*server\/dist\/main\.js/.test(line));
}

describe('the flags the hub is started with', () => {
  it.each(['Dockerfile', 'README.md', 'scripts/prod-check.sh'])('%s starts it with each of them', (path) => {
    const starts = hubStarts(read(path));
    expect(starts.length).toBeGreaterThan(0);
    for (const line of starts) for (const flag of FLAGS) expect(line).toContain(flag);
  });

  it('pnpm start (scripts/start.mjs) passes each of them', () => {
    const start = read('scripts/start.mjs');
    const spawn = /run\(process\.execPath, \[([^\]]*)\]/.exec(start)?.[1] ?? '';
    expect(spawn).toContain('main');
    for (const flag of FLAGS) expect(spawn).toContain(`'${flag}'`);
  });

  it('both benches run the hub with each of them', () => {
    const bench = JSON.parse(read('test/package.json')).scripts.bench as string;
    for (const flag of FLAGS) expect(bench).toContain(flag);
    const ingest = read('test/bench/ingest.ts');
    const unshift = /execArgv\.unshift\(([^)]*)\)/.exec(ingest)?.[1] ?? '';
    for (const flag of FLAGS) expect(unshift).toContain(`'${flag}'`);
  });
});
