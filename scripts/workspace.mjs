// The workspace's packages in build order, and which builds are older than their sources. Shared by
// `pnpm build` (scripts/build.mjs), `pnpm start` (scripts/start.mjs) and `pnpm typecheck`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';

/** Build output folders: `dist`, `dist-server`, … */
const OUTPUT = /^dist(-|$)/;
/** Folders and files that never feed a build. */
const NOT_INPUT = new Set(['node_modules', 'test', 'tests', 'e2e', 'bench', 'docs', 'coverage', 'scripts']);
const STAMPS = join(root, 'node_modules/.cache/aviso-build');

/**
 * Every package of the workspace but the root, dependencies before dependents:
 * `{name, dir, manifest, deps}` where `deps` are the names of its workspace dependencies.
 */
export function workspacePackages() {
  const listed = JSON.parse(
    execFileSync(pnpm, ['ls', '-r', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' }),
  );
  const byName = new Map();
  for (const { name, path } of listed) {
    if (path === root.replace(/\/$/, '')) continue;
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    byName.set(name, { name, dir: path, manifest });
  }
  for (const pkg of byName.values()) {
    const { dependencies = {}, devDependencies = {}, peerDependencies = {} } = pkg.manifest;
    pkg.deps = Object.keys({ ...peerDependencies, ...devDependencies, ...dependencies }).filter((d) =>
      byName.has(d),
    );
  }
  const ordered = [];
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of byName.get(name).deps) visit(dep);
    ordered.push(byName.get(name));
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

/** `names` and every workspace package they depend on, in build order. */
export function withDependencies(packages, names) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const wanted = new Set();
  const add = (name) => {
    if (wanted.has(name) || !byName.has(name)) return;
    wanted.add(name);
    for (const dep of byName.get(name).deps) add(dep);
  };
  for (const name of names) add(name);
  return packages.filter((p) => wanted.has(p.name));
}

/** The newest modification time of a package's build inputs (sources, manifests, configs). */
function newestInput(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || NOT_INPUT.has(entry.name) || OUTPUT.test(entry.name)) continue;
    if (/\.(test\.ts|md)$/.test(entry.name)) continue;
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newestInput(path) : statSync(path).mtimeMs);
  }
  return max;
}

const stampFile = (pkg) => join(STAMPS, `${pkg.name.replace(/[@/]/g, '_')}.json`);

/** When the package was last built by these scripts (0: never, or its output is gone). */
export function builtAt(pkg) {
  const outputs = readdirSync(pkg.dir).filter((e) => OUTPUT.test(e));
  if (!outputs.length || !existsSync(stampFile(pkg))) return 0;
  return JSON.parse(readFileSync(stampFile(pkg), 'utf8')).startedAt ?? 0;
}

/** Records a successful build that started at `startedAt`. */
export function stamp(pkg, startedAt) {
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stampFile(pkg), JSON.stringify({ startedAt }));
}

/**
 * Why the package must be built again, or null when its build is newer than its sources and than
 * the builds of its workspace dependencies.
 */
export function staleness(pkg, packages) {
  const built = builtAt(pkg);
  if (!built) return 'not built yet';
  if (newestInput(pkg.dir) > built) return 'sources changed';
  const byName = new Map(packages.map((p) => [p.name, p]));
  const dep = pkg.deps.find((d) => byName.get(d).manifest.scripts?.build && builtAt(byName.get(d)) > built);
  return dep ? `${dep} was rebuilt` : null;
}

/** The environment of every build: front ends are always production bundles, whatever the shell says. */
export const buildEnv = { ...process.env, NODE_ENV: 'production' };

/**
 * Builds what is stale among `names` and the workspace packages they depend on; returns false when a
 * build failed. `pnpm start` and the benches run compiled JavaScript through this.
 */
export function buildStale(names, packages = workspacePackages()) {
  for (const pkg of withDependencies(packages, names)) {
    if (!pkg.manifest.scripts?.build) continue;
    const reason = staleness(pkg, packages);
    if (!reason) continue;
    console.log(`aviso: building ${pkg.name} (${reason})…`);
    const startedAt = Date.now();
    const r = spawnSync(pnpm, ['--filter', pkg.name, 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: buildEnv,
    });
    if (r.status !== 0) return false;
    stamp(pkg, startedAt);
  }
  return true;
}
