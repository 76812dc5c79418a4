// Makes dist/lib (the library build, `tsc`) installable outside this workspace. @aviso/protocol and
// @aviso/ui are workspace packages, never published: the files of their builds that dist/lib
// imports (scripts and declarations, followed through their own imports) are copied into
// dist/lib/vendor/, and every import of them is rewritten to a relative path. Declarations also
// import `./x.js` rather than `./x.ts`, which every TypeScript resolution reads.
// What stays external is in package.json's dependencies: lit, socket.io-client, zod (types only).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('../dist/lib/', import.meta.url));
const vendor = join(lib, 'vendor');
const WORKSPACE = /^@aviso\/(protocol|ui)(\/[\w-]+)?$/;
// The workspace links them into widget/node_modules (their exports do not list package.json).
const modules = fileURLToPath(new URL('../node_modules/@aviso/', import.meta.url));

/** The package's dist folder and the file its `exports` map a subpath to (the `default` condition). */
function locate(specifier) {
  const [, name, sub = ''] = WORKSPACE.exec(specifier);
  const manifestPath = join(modules, name, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const target = manifest.exports?.[`.${sub}`]?.default;
  if (!target) throw new Error(`vendor: ${specifier} is not in @aviso/${name}'s exports`);
  const root = dirname(manifestPath);
  const file = join(root, target);
  const dist = dirname(join(root, manifest.exports['.'].default));
  if (!existsSync(file)) throw new Error(`vendor: ${file} is missing; build @aviso/${name} first`);
  return { name, dist, file: relative(dist, file) };
}

const IMPORT = /((?:import|export)\s[^'"]*?from\s*|import\s*\(\s*|import\s+)(['"])([^'"]+)\2/g;

/** Rewrites the import specifiers of a file's text; `map` returns the new one or undefined. */
function rewrite(text, map) {
  return text.replace(IMPORT, (all, head, quote, spec) => {
    const next = map(spec);
    return next === undefined ? all : `${head}${quote}${next}${quote}`;
  });
}

const relativeTo = (from, to) => {
  const path = relative(dirname(from), to).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
};

const files = readdirSync(lib).filter((name) => /\.(js|d\.ts)$/.test(name));
if (!files.some((name) => /['"]@aviso\//.test(readFileSync(join(lib, name), 'utf8')))) {
  // Run twice after one `tsc`: the imports are rewritten already and vendor/ is what they need.
  console.log('vendor: dist/lib imports no workspace package; nothing to do');
  process.exit(0);
}
rmSync(vendor, { recursive: true, force: true });
const copied = new Set();

/** Copies one file of a workspace package's dist (script and declaration) and what it imports. */
function copy(pkg, file) {
  const base = file.replace(/\.(d\.ts|js)$/, '');
  if (copied.has(`${pkg.name}/${base}`)) return;
  copied.add(`${pkg.name}/${base}`);
  for (const ext of ['.js', '.d.ts']) {
    const from = join(pkg.dist, base + ext);
    if (!existsSync(from)) continue;
    const to = join(vendor, pkg.name, base + ext);
    mkdirSync(dirname(to), { recursive: true });
    const text = rewrite(readFileSync(from, 'utf8'), (spec) => {
      if (spec.startsWith('.')) {
        copy(pkg, posix.join(posix.dirname(base), spec));
        return spec.replace(/\.ts$/, '.js');
      }
      if (WORKSPACE.test(spec)) return vendored(to, spec);
      return undefined;
    });
    writeFileSync(to, text);
  }
}

/** The relative path from `from` to the vendored copy of a workspace import, copying it. */
function vendored(from, spec) {
  const pkg = locate(spec);
  copy(pkg, pkg.file);
  return relativeTo(from, join(vendor, pkg.name, pkg.file));
}

for (const name of files) {
  const path = join(lib, name);
  const text = readFileSync(path, 'utf8');
  const next = rewrite(text, (spec) => {
    if (WORKSPACE.test(spec)) return vendored(path, spec);
    if (spec.startsWith('.') && spec.endsWith('.ts')) return spec.replace(/\.ts$/, '.js');
    return undefined;
  });
  if (next !== text) writeFileSync(path, next);
}
console.log(`vendor: ${copied.size} files of @aviso/protocol and @aviso/ui copied into dist/lib/vendor`);
