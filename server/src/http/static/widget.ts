import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { fail } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';

/** Options of `widgetRoutes`; the default bundle is the widget package's build output. */
export interface WidgetRoutesOptions {
  bundlePath?: string;
}

const packages = createRequire(import.meta.url);

/** The bundle the widget package builds, found through its `exports`; undefined until it is built. */
function builtBundle(): string | undefined {
  try {
    return packages.resolve('@aviso/widget/dist/aviso.js');
  } catch {
    return undefined;
  }
}

/**
 * Serves the built `<aviso-bell>` bundle at `GET /widget/aviso.js`, so a plain HTML page needs
 * only a script tag. The hub does not build it: when the file is missing the answer is a 404
 * saying which command builds it. The file is re-read when it changes (rebuilds need no restart).
 */
export function widgetRoutes(app: Hono<AppEnv>, options: WidgetRoutesOptions = {}) {
  let cached: { mtimeMs: number; body: string; etag: string } | undefined;

  app.get('/widget/aviso.js', async (c) => {
    const bundlePath = options.bundlePath ?? builtBundle();
    const info = bundlePath ? await stat(bundlePath).catch(() => undefined) : undefined;
    if (!bundlePath || !info?.isFile()) {
      fail('NOT_FOUND', {
        what: 'widget bundle: run `pnpm --filter @aviso/widget build` (it writes widget/dist/aviso.js)',
      });
    }
    if (cached?.mtimeMs !== info.mtimeMs) {
      const body = await readFile(bundlePath, 'utf8');
      cached = {
        mtimeMs: info.mtimeMs,
        body,
        etag: `W/"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`,
      };
    }
    const headers = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      etag: cached.etag,
      // A public script: any page may load it as a module, whatever AVISO_CORS_ORIGINS says.
      'access-control-allow-origin': '*',
    };
    if (c.req.header('if-none-match') === cached.etag) return c.body(null, 304, headers);
    return c.body(cached.body, 200, headers);
  });
}
