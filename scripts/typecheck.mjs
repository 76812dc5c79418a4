// `pnpm typecheck`: tsc over every package of the workspace (its `typecheck` script, or `tsc -p` on its
// tsconfig.json). A package with neither fails the check, so a new package cannot slip past it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pnpm, root, workspacePackages } from './workspace.mjs';

const CONCURRENCY = 2;
const jobs = workspacePackages().map((pkg) => {
  const where = relative(root, pkg.dir);
  if (pkg.manifest.scripts?.typecheck) return { where, cmd: pnpm, args: ['--filter', pkg.name, 'typecheck'] };
  if (existsSync(join(pkg.dir, 'tsconfig.json')))
    return { where, cmd: pnpm, args: ['exec', 'tsc', '-p', where] };
  return { where, missing: true };
});

let failed = jobs
  .filter((j) => j.missing)
  .map((j) => `${j.where} (no typecheck script and no tsconfig.json)`);

/** Runs one check, printing its output in one piece so parallel checks do not interleave. */
function check({ where, cmd, args }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      console.log(`typecheck ${where}: ${code === 0 ? 'ok' : 'FAILED'}`);
      if (code !== 0) {
        console.log(out.trim());
        failed.push(where);
      }
      resolve();
    });
  });
}

const queue = jobs.filter((j) => !j.missing);
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await check(job);
  }),
);
failed = [...new Set(failed)];
if (failed.length) {
  console.error(`typecheck failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`typecheck: ${jobs.length} packages ok`);
