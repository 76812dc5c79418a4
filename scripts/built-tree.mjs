// `node scripts/built-tree.mjs <folder>`: copies what production needs of a built workspace into
// <folder>: the root manifests and lockfile, `pnpm start`, and for each package its package.json and
// the files its `files` field names (its `dist*` folders when it names none). No sources, no
// node_modules: `pnpm install --prod --frozen-lockfile` in <folder> completes it. Used by the
// Dockerfile and by scripts/prod-check.sh, so both ship the same tree.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root, workspacePackages } from './workspace.mjs';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: node scripts/built-tree.mjs <folder>');
  process.exit(2);
}
if (existsSync(dest) && readdirSync(dest).length) {
  console.error(`built-tree: ${dest} is not empty`);
  process.exit(2);
}

/** Copies `path` (relative to the workspace root) into the destination, keeping modification times. */
function copy(path) {
  mkdirSync(join(dest, path, '..'), { recursive: true });
  cpSync(join(root, path), join(dest, path), { recursive: true, preserveTimestamps: true });
}

// `patches` holds the dependency patches pnpm-workspace.yaml names: the install applies them.
const ROOT_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', 'LICENSE', 'patches'];
for (const file of ROOT_FILES) {
  if (existsSync(join(root, file))) copy(file);
}
copy('scripts/start.mjs');
copy('scripts/workspace.mjs');

let missing = 0;
for (const pkg of workspacePackages()) {
  const dir = relative(root, pkg.dir);
  copy(join(dir, 'package.json'));
  const files = pkg.manifest.files ?? readdirSync(pkg.dir).filter((e) => /^dist(-|$)/.test(e));
  for (const entry of files) {
    if (existsSync(join(pkg.dir, entry))) copy(join(dir, entry));
    else if (pkg.manifest.scripts?.build) {
      console.error(`built-tree: ${join(dir, entry)} is missing (run pnpm build first)`);
      missing++;
    }
  }
}
if (missing) process.exit(1);
console.log(`built-tree: ${dest} holds the built workspace; run pnpm install --prod --frozen-lockfile there`);
