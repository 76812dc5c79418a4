// Where a process's CPU went, from the largest V8 `.cpuprofile` in a folder (the main thread's; a
// loader thread writes a small one beside it) (`node --cpu-prof`): self time
// per package or Aviso file, and the hottest functions, as share of the busy (non-idle) time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, table } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `hono`, `drizzle-orm`, `aviso server/dist/ingest/events.js`, `node internals`, `(garbage collector)`… */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const aviso = url.match(/\/(server|packages\/[^/]+)\/(?:dist|src)\/(.+)$/);
  if (aviso) return `aviso ${aviso[1]}/${aviso[2]}`;
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(dir: string, top = 15): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!files.length) return `no .cpuprofile in ${dir}`;
  const profile = JSON.parse(readFileSync(files[0]!, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    busy += us;
    const who = owner(callFrame.url, callFrame.functionName);
    owners.set(who, (owners.get(who) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} · ${who}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const rank = (m: Map<string, number>, label: string) =>
    table([
      [label, 'self ms', 'share of busy time'],
      ...[...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, us]) => [k, fmt(us / 1000, 0), `${fmt((100 * us) / busy)} %`]),
    ]);
  return `${files[0]}: ${fmt(busy / 1000, 0)} ms busy\n\n${rank(owners, 'package or file')}\n\n${rank(functions, 'function')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summarizeProfile(process.argv[2] ?? '.'));
