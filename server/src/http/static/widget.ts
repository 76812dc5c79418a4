import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { fail } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';

/** Options of `widgetRoutes`; the defaults are the widget package's build output and version. */
export interface WidgetRoutesOptions {
  /** Where the bundle (aviso.js) and its chunks are; widget/dist by default. */
  dir?: string;
  /** The version in `/widget/<version>/aviso.js`; the widget package's version by default. */
  version?: string;
}

const packages = createRequire(import.meta.url);

/** The widget package's build folder, found through its `exports`; undefined when it is not installed. */
function builtDir(): string | undefined {
  try {
    return dirname(packages.resolve('@aviso/widget/dist/aviso.js'));
  } catch {
    return undefined;
  }
}

/** The widget package's version: its package.json sits next to dist/. */
async function packageVersion(dir: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, '..', 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

// Files the build emits next to aviso.js (the bundle and the chunks it imports lazily): a plain name,
// dot-separated parts, `.js`. No slash and no empty part, so no `..` and no path outside the folder.
const SAFE_FILE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.js$/;
const SAFE_VERSION = /^[A-Za-z0-9_-]+(?:[.+][A-Za-z0-9_-]+)*$/;

type Encoding = 'br' | 'gzip' | 'identity';

interface Compressed {
  mtimeMs: number;
  size: number;
  bodies: Record<Encoding, Uint8Array<ArrayBuffer>>;
  etags: Record<Encoding, string>;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Reads a file and compresses it both ways, once per change of the file. */
async function compress(path: string, mtimeMs: number, size: number): Promise<Compressed> {
  const identity = await readFile(path);
  const [br, gz] = await Promise.all([
    brotliAsync(identity, {
      params: {
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzipAsync(identity, { level: 9 }),
  ]);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  return {
    mtimeMs,
    size,
    // Copies of their own: a Buffer's bytes may sit in a shared pool bigger than the file.
    bodies: { identity: new Uint8Array(identity), br: new Uint8Array(br), gzip: new Uint8Array(gz) },
    // One tag per encoding: the bytes differ, and a cache keyed on Vary must not mix them up.
    etags: { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` },
  };
}

/** The best encoding the request accepts (RFC 9110 §12.5.3): brotli, then gzip, then none. */
export function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = weight ? Number(weight.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** Whether `If-None-Match` names this tag (weak comparison, as for a GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves the built `<aviso-bell>` bundle at `GET /widget/aviso.js` (a short cache: the newest build)
 * and at `GET /widget/<version>/aviso.js` (cached for a year, immutable: a page pins a release), so a
 * plain HTML page needs only a script tag. Chunks the bundle imports lazily are served next to it
 * under both prefixes: their imports are relative, so they load from where aviso.js did.
 *
 * Each file is compressed with brotli and gzip once per change (rebuilds need no restart) and sent
 * in the best encoding the request accepts. The hub does not build the bundle: when it is missing
 * the answer is a 404 saying which command builds it.
 */
export function widgetRoutes(app: Hono<AppEnv>, options: WidgetRoutesOptions = {}) {
  const cache = new Map<string, Promise<Compressed>>();

  async function load(dir: string, file: string): Promise<Compressed | undefined> {
    const path = join(dir, file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(path);
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && current.mtimeMs === info.mtimeMs && current.size === info.size) return current;
      // The same stale promise may be replaced by several requests at once: only the first does it.
      if (cache.get(path) !== cached) return load(dir, file);
    }
    const next = compress(path, info.mtimeMs, info.size);
    cache.set(path, next);
    next.catch(() => cache.delete(path));
    return next.catch(() => undefined);
  }

  async function serve(c: Context<AppEnv>, file: string, immutable: boolean) {
    const dir = options.dir ?? builtDir();
    const entry = SAFE_FILE.test(file) && dir ? await load(dir, file) : undefined;
    if (!entry) {
      fail('NOT_FOUND', {
        what:
          file === 'aviso.js'
            ? 'widget bundle: run `pnpm --filter @aviso/widget build` (it writes widget/dist/aviso.js)'
            : `widget file ${file.slice(0, 100)}`,
      });
    }
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    const headers: Record<string, string> = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      etag: entry.etags[encoding],
      vary: 'Accept-Encoding',
      // A public script: any page may load it as a module, whatever AVISO_CORS_ORIGINS says, and
      // read its timings (Resource Timing) to see what the widget costs it.
      'access-control-allow-origin': '*',
      'timing-allow-origin': '*',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (matches(c.req.header('if-none-match'), entry.etags[encoding])) return c.body(null, 304, headers);
    return c.body(entry.bodies[encoding], 200, headers);
  }

  app.get('/widget/:file', (c) => serve(c, c.req.param('file'), false));
  app.get('/widget/:version/:file', async (c) => {
    const asked = c.req.param('version');
    const dir = options.dir ?? builtDir();
    const current = options.version ?? (dir ? await packageVersion(dir) : undefined);
    if (!SAFE_VERSION.test(asked) || asked !== current) {
      // Only the version being served: an immutable URL must never answer with other bytes later.
      fail('NOT_FOUND', {
        what: `widget version ${asked.slice(0, 40)} (this hub serves ${current ?? 'none'})`,
      });
    }
    return serve(c, c.req.param('file'), true);
  });
}
