import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { fail } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';
import { decodePath } from './paths.ts';

/** Options of `adminConsoleRoutes`; the default is the admin package's build output. */
export interface AdminConsoleOptions {
  distDir?: string;
}

const packages = createRequire(import.meta.url);

/** The folder the admin package builds, found through its `exports`; undefined until it is built. */
function builtDist(): string | undefined {
  try {
    return dirname(packages.resolve('@aviso/admin/dist/index.html'));
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves the built admin console at `/admin` (hash routes, so one page) and its hashed assets.
 * The hub does not build it: when it is missing the answer is a 404 naming the build command.
 */
export function adminConsoleRoutes(app: Hono<AppEnv>, options: AdminConsoleOptions = {}) {
  // Through `c`, so that the answer carries the headers middleware set for it (`answerHeaders`).
  const send = async (c: Context<AppEnv>, relative: string, cache: string) => {
    const dist = options.distDir ?? builtDist();
    if (!dist) return undefined;
    const root = normalize(dist);
    const file = normalize(join(root, relative));
    // `..` in a URL must never reach outside the build folder.
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const body = await readFile(file);
    return c.body(body, 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
    });
  };

  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/', async (c) => {
    const page = await send(c, 'index.html', 'no-cache');
    if (!page) {
      fail('NOT_FOUND', {
        what: 'admin console build: run `pnpm --filter @aviso/admin build` (it writes packages/admin/dist)',
      });
    }
    // Its Content-Security-Policy comes with every page's, from `answerHeaders`.
    return page;
  });
  app.get('/admin/*', async (c) => {
    const relative = decodePath(c.req.path.slice('/admin/'.length));
    // Vite names assets by content hash: they never change under the same name.
    const file = await send(
      c,
      relative,
      relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (!file) fail('NOT_FOUND', { what: `admin console file ${relative}` });
    return file;
  });
}
