import { readdirSync, rmSync } from 'node:fs';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/** A build is a production build (Lit's and socket.io-client's), whatever NODE_ENV the shell has. */
function productionBuild(): Plugin {
  return {
    name: 'aviso-production-build',
    apply: 'build',
    config() {
      process.env.NODE_ENV = 'production';
    },
  };
}

/** Minifies the stylesheets' literals (whitespace, quotes, leading zeros): Lit ships CSS text as written. */
function minifyCss(): Plugin {
  return {
    name: 'aviso-minify-css',
    apply: 'build',
    transform(code, id) {
      // The bell's stylesheet, and the icon rule it shares with the console.
      if (!id.endsWith('/src/styles.ts') && !id.endsWith('/ui/src/icons.ts')) return null;
      return code.replace(/unsafeCSS\(`([^`]*)`\)/g, (_, text: string) => {
        const min = text
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
          .replace(/([ :(,])0\./g, '$1.');
        return `unsafeCSS(\`${min.trim()}\`)`;
      });
    },
  };
}

/**
 * engine.io-client bundles every transport it knows; the client opens WebSocket only (engine.io
 * never fell back from it to polling without `tryAllTransports`), so the others are dead weight:
 * 1.7 KB of the size budget.
 */
function websocketOnly(): Plugin {
  return {
    name: 'aviso-websocket-only',
    apply: 'build',
    transform(_code, id) {
      if (!/engine\.io-client\/build\/esm\/transports\/index\.js$/.test(id)) return null;
      return 'import { WS } from "./websocket.js";\nexport const transports = { websocket: WS };\n';
    },
  };
}

/**
 * Vite wraps each lazy `import()` in a preload helper (about 0.8 KB min+gzip) that adds <link> tags for
 * the chunk's CSS and, with modulePreload, its imports. The widget has neither (Lit styles are in
 * its scripts, modulePreload is off), so every call gets an empty list: the import alone does.
 */
function plainDynamicImport(): Plugin {
  return {
    name: 'aviso-plain-dynamic-import',
    apply: 'build',
    load(id) {
      if (id !== '\0vite/preload-helper.js') return null;
      return 'export const __vitePreload = (load) => load();';
    },
  };
}

/**
 * Removes the scripts a previous build left in dist/ (not dist/lib, the library build): chunk names
 * carry a hash, so without this every rebuild would add files the hub keeps serving.
 */
function cleanBundle(): Plugin {
  return {
    name: 'aviso-clean-bundle',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const fresh = new Set(Object.keys(bundle));
      for (const name of readdirSync(dir)) {
        if (name.endsWith('.js') && !fresh.has(name)) rmSync(`${dir}/${name}`);
      }
    },
  };
}

// One ES module (Lit and socket.io-client included), served by the hub at /widget/aviso.js and
// /widget/<version>/aviso.js, plus a chunk per lazy `import()`, written next to it: the bundle
// imports them by relative URL, so they load from whichever of the two paths it came from. Not
// Vite's library mode: that mode keeps whitespace in ES output.
export default defineConfig({
  plugins: [productionBuild(), minifyCss(), websocketOnly(), plainDynamicImport(), cleanBundle()],
  // Workspace packages are bundled from their TypeScript sources.
  resolve: { conditions: ['aviso-source', ...defaultClientConditions] },
  // Relative URLs for anything the bundle loads itself, never the page's origin root.
  base: './',
  build: {
    target: 'es2021',
    // Terser's two passes take 0.6 KB min+gzip more off than esbuild's minifier: room in the budget.
    minify: 'terser',
    terserOptions: { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } },
    outDir: 'dist',
    // dist/lib is the library build (tsc); the bundle's entry has a fixed name, rewritten in place.
    emptyOutDir: false,
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { aviso: 'src/index.ts' },
      preserveEntrySignatures: 'strict',
      // engine.io-client's polling transport probes XMLHttpRequest when loaded: not a side effect we need.
      treeshake: { moduleSideEffects: (id) => !/engine\.io-client\/build\/esm\/transports\//.test(id) },
      // Chunks sit beside the entry (the hub serves one folder, no subfolders), hashed: the short-cached
      // /widget/aviso.js must never import a chunk of another build under the same name.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  esbuild: { legalComments: 'none' },
});
