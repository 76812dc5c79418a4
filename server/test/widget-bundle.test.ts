import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/context.ts';
import { pickEncoding, widgetRoutes } from '../src/http/static/widget.ts';
import { AppError } from '../src/lib/errors.ts';
import { createTestApp } from './harness.ts';

// A folder standing in for widget/dist: the bundle, a lazily imported chunk, the library build and a
// file outside it that no URL may reach.
const BUNDLE = 'import("./panel-Ab12_x.js");export const bell = "aviso-bell";'.repeat(40);
const CHUNK = 'export const panel = "preferences";'.repeat(40);

describe('the widget bundle route', () => {
  let root: string;
  let dir: string;
  let app: Hono<AppEnv>;
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { 'accept-encoding': '', ...headers } });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'aviso-widget-'));
    dir = join(root, 'dist');
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'aviso.js'), BUNDLE);
    await writeFile(join(dir, 'panel-Ab12_x.js'), CHUNK);
    await writeFile(join(dir, 'lib', 'index.js'), 'export {};');
    await writeFile(join(dir, 'notes.txt'), 'not a script');
    await writeFile(join(root, 'secret.js'), 'export const secret = 1;');
    await writeFile(join(root, 'package.json'), JSON.stringify({ name: '@aviso/widget', version: '1.2.3' }));
    app = new Hono<AppEnv>();
    app.onError((err, c) =>
      c.text(err instanceof AppError ? err.code : 'ERROR', err instanceof AppError ? err.status : 500),
    );
    widgetRoutes(app, { dir });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('sends brotli, gzip or plain bytes as Accept-Encoding asks, each with its own ETag', async () => {
    const plain = await get('/widget/aviso.js');
    const gz = await get('/widget/aviso.js', { 'accept-encoding': 'gzip, deflate' });
    const br = await get('/widget/aviso.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BUNDLE);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(BUNDLE);
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(BUNDLE.length / 5);
    expect(brotliDecompressSync(brBytes).toString()).toBe(BUNDLE);
    for (const res of [plain, gz, br]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('timing-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    }
    const tags = [plain, gz, br].map((res) => res.headers.get('etag'));
    expect(new Set(tags).size).toBe(3);

    // A tag of another encoding is not a match: the cached bytes would be the wrong ones.
    expect((await get('/widget/aviso.js', { 'if-none-match': tags[0] ?? '' })).status).toBe(304);
    const revalidated = await get('/widget/aviso.js', {
      'accept-encoding': 'br',
      'if-none-match': `W/${tags[2]}`,
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('vary')).toBe('Accept-Encoding');
    expect(
      (await get('/widget/aviso.js', { 'accept-encoding': 'gzip', 'if-none-match': tags[2] ?? '' })).status,
    ).toBe(200);
  });

  it('reads Accept-Encoding weights', () => {
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, identity')).toBe('identity');
    expect(pickEncoding('deflate')).toBe('identity');
  });

  it('serves the version pinned for a year and refuses any other version', async () => {
    const res = await get('/widget/1.2.3/aviso.js', { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('timing-allow-origin')).toBe('*');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(BUNDLE);
    expect((await get('/widget/1.2.2/aviso.js')).status).toBe(404);
    expect((await get('/widget/latest/aviso.js')).status).toBe(404);
  });

  it('serves the chunks the bundle imports, under both prefixes', async () => {
    for (const path of ['/widget/panel-Ab12_x.js', '/widget/1.2.3/panel-Ab12_x.js']) {
      const res = await get(path, { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(CHUNK);
    }
  });

  it.each([
    '/widget/notes.txt',
    '/widget/missing.js',
    '/widget/lib/index.js',
    '/widget/1.2.3/lib/index.js',
    '/widget/..%2Fsecret.js',
    '/widget/1.2.3/..%2Fsecret.js',
    '/widget/..%2F..%2Fdist%2Faviso.js',
    '/widget/%2E%2E/secret.js',
    '/widget/.hidden.js',
    '/widget/a..js',
    '/widget/..%5Csecret.js',
  ])('answers %s with a 404: only the build’s own scripts are served', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret = 1');
  });

  it('compresses again once the file changes (a rebuild needs no restart)', async () => {
    const before = await get('/widget/aviso.js', { 'accept-encoding': 'br' });
    await before.arrayBuffer();
    const next = `${BUNDLE}//rebuilt`;
    await writeFile(join(dir, 'aviso.js'), next);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(dir, 'aviso.js'), later, later);
    const after = await get('/widget/aviso.js', { 'accept-encoding': 'br' });
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(brotliDecompressSync(Buffer.from(await after.arrayBuffer())).toString()).toBe(next);
  });

  it('says which command builds the bundle when it is missing', async () => {
    const empty = new Hono<AppEnv>();
    empty.onError((err, c) => c.text(err.message, err instanceof AppError ? err.status : 500));
    widgetRoutes(empty, { dir: join(root, 'nowhere'), version: '1.2.3' });
    const res = await empty.request('/widget/aviso.js');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('pnpm --filter @aviso/widget build');
  });
});

describe('the widget bundle the hub serves', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    hub = await createTestApp('memory:');
  });
  afterAll(() => hub.close());

  it('is the widget package’s build, at its version too, to pages of any origin', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../../widget/package.json', import.meta.url), 'utf8'),
    );
    // Through the whole app (CORS, security headers, metrics, body limits), from another origin.
    const headers = { 'accept-encoding': 'gzip, deflate, br', origin: 'https://shop.example.com' };
    const latest = await hub.fetcher('/widget/aviso.js', { method: 'GET', headers });
    const pinned = await hub.fetcher(`/widget/${manifest.version}/aviso.js`, { method: 'GET', headers });
    if (latest.status === 404) {
      // Not built in this checkout: the 404 says how, and the pinned URL agrees.
      expect(await latest.text()).toContain('pnpm --filter @aviso/widget build');
      expect(pinned.status).toBe(404);
      await pinned.arrayBuffer();
      return;
    }
    expect(latest.status).toBe(200);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const res of [latest, pinned]) {
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('timing-allow-origin')).toBe('*');
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
    }
    expect(pinned.headers.get('etag')).toBe(latest.headers.get('etag'));
    expect(brotliDecompressSync(Buffer.from(await pinned.arrayBuffer())).toString()).toContain('aviso-bell');
    await latest.arrayBuffer();
  });
});

describe('a widget build with a lazy import()', () => {
  // The widget's own Vite config on a stand-in entry: the chunk must sit beside aviso.js and be
  // imported by a relative URL, so it loads from /widget/ and /widget/<version>/ alike.
  it('emits a chunk the hub serves under both prefixes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aviso-widget-chunks-'));
    const env = process.env.NODE_ENV;
    try {
      await writeFile(
        join(root, 'entry.js'),
        'export const open = () => import("./panel.js").then((m) => m.panel);\n',
      );
      await writeFile(join(root, 'panel.js'), 'export const panel = "preferences panel";\n');
      const dist = join(root, 'dist');
      await mkdir(dist);
      await writeFile(join(dist, 'stale-0000.js'), 'export {};');
      const widget = new URL('../../widget/', import.meta.url);
      const { default: config } = await import(new URL('vite.config.ts', widget).href);
      const { build } = await import('vite');
      await build({
        ...config,
        configFile: false,
        root,
        logLevel: 'silent',
        build: {
          ...config.build,
          outDir: dist,
          rollupOptions: { ...config.build.rollupOptions, input: { aviso: join(root, 'entry.js') } },
        },
      });
      const files = (await readdir(dist)).sort();
      expect(files).toHaveLength(2);
      expect(files).toContain('aviso.js');
      const chunk = files.find((f) => f !== 'aviso.js') ?? '';
      expect(chunk).toMatch(/^panel-[\w-]+\.js$/);
      const bundle = await readFile(join(dist, 'aviso.js'), 'utf8');
      expect(bundle).toContain(`import("./${chunk}")`);
      // No preload helper: nothing but the import itself.
      expect(bundle).not.toContain('modulepreload');

      const app = new Hono<AppEnv>();
      app.onError((err, c) => c.text(err.message, err instanceof AppError ? err.status : 500));
      widgetRoutes(app, { dir: dist, version: '9.9.9' });
      for (const base of ['http://hub/widget/aviso.js', 'http://hub/widget/9.9.9/aviso.js']) {
        expect((await app.request(base)).status).toBe(200);
        const res = await app.request(new URL(`./${chunk}`, base).href);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('preferences panel');
      }
    } finally {
      process.env.NODE_ENV = env;
      await rm(root, { recursive: true, force: true });
    }
  });
});
