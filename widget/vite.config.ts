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

/** Minifies the stylesheet's literal (whitespace, quotes, leading zeros): Lit ships CSS text as written. */
function minifyCss(): Plugin {
  return {
    name: 'aviso-minify-css',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('/src/styles.ts')) return null;
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

// One self-contained ES module (Lit and socket.io-client included), served by the hub at
// /widget/aviso.js. Not Vite's library mode: that mode keeps whitespace in ES output.
export default defineConfig({
  plugins: [productionBuild(), minifyCss(), websocketOnly()],
  // Workspace packages are bundled from their TypeScript sources.
  resolve: { conditions: ['aviso-source', ...defaultClientConditions] },
  build: {
    target: 'es2021',
    outDir: 'dist',
    // dist/lib is the library build (tsc); the bundle is one file of a fixed name, rewritten in place.
    emptyOutDir: false,
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { aviso: 'src/index.ts' },
      preserveEntrySignatures: 'strict',
      // engine.io-client's polling transport probes XMLHttpRequest when loaded: not a side effect we need.
      treeshake: { moduleSideEffects: (id) => !/engine\.io-client\/build\/esm\/transports\//.test(id) },
      output: { format: 'es', entryFileNames: '[name].js', inlineDynamicImports: true },
    },
  },
  esbuild: { legalComments: 'none' },
});
