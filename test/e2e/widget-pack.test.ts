// The published widget works outside this workspace: `pnpm pack` of @aviso/widget (and of the
// @aviso/react and @aviso/vue wrappers), installed with npm into a plain app in a temporary folder
// (no workspace, no pnpm links), type-checked by tsc, bundled by Vite and loaded in Chromium, where
// <aviso-bell> must be defined and render; the wrappers render it in Node. Needs the npm registry
// for lit, socket.io-client, zod, react and vue (from npm's cache when it has them).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile as read, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WIDGET = join(ROOT, 'widget');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const fromWidget = createRequire(join(WIDGET, 'package.json'));

// npm and pnpm read npm_config_* from the environment: the workspace's settings must not leak
// into the install that stands for a user's project.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
) as NodeJS.ProcessEnv;

async function registryReachable(): Promise<boolean> {
  try {
    await run('npm', ['ping'], { env: cleanEnv, timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

const online = await registryReachable();
if (!online) {
  console.warn(
    '[widget-pack] skipped: the npm registry is unreachable (`npm ping` failed), and the packed widget needs lit, socket.io-client and zod from it, the wrappers react and vue',
  );
}

describe.skipIf(!online)('the packed @aviso/widget and its wrappers in a plain Vite app', () => {
  let work: string;
  let app: string;
  let tarballs: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'aviso-widget-pack-'));
    app = join(work, 'app');
    // The wrappers and their workspace dependencies (the widget, whose dist/lib copies the builds
    // of @aviso/protocol and @aviso/ui), built only where stale: CI has built them before the tests,
    // and a rebuild of widget/dist while other suites load it could hand them a half-written file.
    await run(process.execPath, ['scripts/build-stale.mjs', '@aviso/react', '@aviso/vue'], {
      cwd: ROOT,
      timeout: 240_000,
    });
    for (const dir of [WIDGET, join(ROOT, 'packages', 'react'), join(ROOT, 'packages', 'vue')]) {
      await run('pnpm', ['pack', '--pack-destination', work], { cwd: dir, timeout: 60_000 });
    }
    tarballs = (await readdir(work)).filter((f) => f.endsWith('.tgz')).map((f) => join(work, f));
    if (tarballs.length !== 3) throw new Error(`pnpm pack wrote ${tarballs.length} tarballs, not 3`);

    await run('mkdir', ['-p', join(app, 'src')]);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module' }),
    );
    await writeFile(
      join(app, 'index.html'),
      '<!doctype html><html lang="es"><body><aviso-bell></aviso-bell><script type="module" src="./src/main.ts"></script></body></html>',
    );
    await writeFile(
      join(app, 'src', 'main.ts'),
      [
        "import { AvisoBell, AvisoClient } from '@aviso/widget';",
        "import '@aviso/widget/aviso-bell';",
        "const bell: AvisoBell = document.createElement('aviso-bell');",
        "bell.addEventListener('aviso-navigate', (e) => console.log(e.link));",
        "(window as unknown as { aviso: unknown }).aviso = { defined: customElements.get('aviso-bell') === AvisoBell, client: typeof AvisoClient };",
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'src', 'wrappers.tsx'),
      [
        "import { AvisoBell } from '@aviso/react';",
        "import { AvisoBell as VueBell } from '@aviso/vue';",
        "import { h } from 'vue';",
        'export const react = <AvisoBell token="t" toastPosition="bottom-left" getToken={async () => \'n\'} onNavigate={(e) => e.preventDefault()} />;',
        "export const vue = h(VueBell, { token: 't', toastPosition: 'top-left', onNavigate: (e: { link: string }) => e.link });",
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'ssr.mjs'),
      [
        "import { createElement } from 'react';",
        "import { renderToString } from 'react-dom/server';",
        "import { AvisoBell } from '@aviso/react';",
        "import { createSSRApp, h } from 'vue';",
        "import { renderToString as renderVue } from 'vue/server-renderer';",
        "import { AvisoBell as VueBell } from '@aviso/vue';",
        "const react = renderToString(createElement(AvisoBell, { lang: 'es', token: 't' }));",
        "const vue = await renderVue(createSSRApp({ render: () => h(VueBell, { token: 't', toastPosition: 'top-left' }) }));",
        'console.log(JSON.stringify({ react, vue }));',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          jsx: 'react-jsx',
          types: [],
        },
        include: ['src'],
      }),
    );
    // The wrappers' @aviso/widget dependency is met by the widget's tarball, installed alongside.
    const peers = ['react@19.3.1', 'react-dom@19.3.1', '@types/react@19.3.3', 'vue@3.5.45'];
    const flags = ['--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'];
    await run('npm', ['install', ...flags, ...tarballs, ...peers], {
      cwd: app,
      env: cleanEnv,
      timeout: 180_000,
    });
  }, 420_000);
  afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

  it('ships the bundle, the library and its types, and depends on published packages only', async () => {
    const installed = join(app, 'node_modules', '@aviso', 'widget');
    const manifest = JSON.parse(await read(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@aviso/'))).toEqual([]);
    expect(JSON.stringify(manifest.exports)).not.toContain('aviso-source');
    expect((await readdir(join(app, 'node_modules', '@aviso'))).sort()).toEqual(['react', 'vue', 'widget']);
    for (const wrapper of ['react', 'vue']) {
      const path = join(app, 'node_modules', '@aviso', wrapper, 'package.json');
      const installedWrapper = JSON.parse(await read(path, 'utf8'));
      expect(installedWrapper.dependencies['@aviso/widget']).toBe(manifest.version);
      expect(JSON.stringify(installedWrapper.exports)).not.toContain('aviso-source');
    }
    const files = await readdir(join(installed, 'dist', 'lib'), { recursive: true });
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'aviso-bell.js']));
    expect(await readdir(join(installed, 'dist'))).toContain('aviso.js');
    for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
      const text = await read(join(installed, 'dist', 'lib', file), 'utf8');
      expect(text, file).not.toMatch(/from\s*['"]@aviso\//);
    }
  });

  it('has @aviso/react and @aviso/vue render the bell in Node (server rendering)', async () => {
    const { stdout } = await run(process.execPath, ['ssr.mjs'], { cwd: app, env: cleanEnv, timeout: 30_000 });
    const html = JSON.parse(stdout) as { react: string; vue: string };
    // @lit/react sets `token` as a property, in the browser only; Vue renders it as an attribute.
    expect(html.react).toBe('<aviso-bell lang="es"></aviso-bell>');
    expect(html.vue).toBe('<aviso-bell token="t" toast-position="top-left"></aviso-bell>');
  });

  it('type-checks in the app, the wrappers’ props and events included', async () => {
    const tsc = fromWidget.resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', app], { cwd: app, timeout: 120_000 });
  }, 120_000);

  describe('built by Vite', () => {
    let server: Server;
    let browser: Browser | undefined;
    let origin: string;

    beforeAll(async () => {
      const vite = join(dirname(fromWidget.resolve('vite/package.json')), 'bin', 'vite.js');
      await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: app,
        env: cleanEnv,
        timeout: 120_000,
      });
      const dist = join(app, 'dist');
      server = createServer(async (req, res) => {
        const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
        if (!path.startsWith(dist)) return void res.writeHead(404).end();
        try {
          const body = await read(path);
          const type = extname(path) === '.js' ? 'text/javascript' : 'text/html';
          res.writeHead(200, { 'content-type': type }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }, 150_000);
    afterAll(async () => {
      await browser?.close();
      if (server) await new Promise((resolve) => server.close(resolve));
    });

    it('defines the custom element in its output', async () => {
      const assets = join(app, 'dist', 'assets');
      const scripts = (await readdir(assets)).filter((f) => f.endsWith('.js'));
      const text = (await Promise.all(scripts.map((f) => read(join(assets, f), 'utf8')))).join('\n');
      expect(text).toMatch(/customElements\.define\(\s*["']aviso-bell["']/);
      expect(text).not.toContain(ROOT);
    });

    it('defines <aviso-bell> in Chromium, and it renders', async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${origin}/`);
      // Page code as text: this project's TypeScript has no DOM types.
      await page.waitForFunction("'aviso' in window", undefined, { timeout: 15_000 });
      const state = await page.evaluate(`(async () => {
        await customElements.whenDefined('aviso-bell');
        const bell = document.querySelector('aviso-bell');
        await bell.updateComplete;
        return { aviso: window.aviso, rendered: (bell.shadowRoot?.childNodes.length ?? 0) > 0 };
      })()`);
      expect(state).toEqual({ aviso: { defined: true, client: 'function' }, rendered: true });
      expect(errors).toEqual([]);
    }, 60_000);
  });
});
