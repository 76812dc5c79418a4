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

/** Collapses the whitespace of the stylesheet's `css` literal: Lit ships CSS text as written. */
function minifyCss(): Plugin {
  return {
    name: 'aviso-minify-css',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('/src/styles.ts')) return null;
      return code.replace(/css`([^`]*)`/g, (_, text: string) => {
        const min = text
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}');
        return `css\`${min.trim()}\``;
      });
    },
  };
}

// One self-contained ES module (Lit and socket.io-client included), served by the hub at
// /widget/aviso.js. Not Vite's library mode: that mode keeps whitespace in ES output.
export default defineConfig({
  plugins: [productionBuild(), minifyCss()],
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
      output: { format: 'es', entryFileNames: '[name].js', inlineDynamicImports: true },
    },
  },
  esbuild: { legalComments: 'none' },
});
