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

// One page, served by the hub at /admin/ with its hashed assets under /admin/assets/.
export default defineConfig({
  base: '/admin/',
  plugins: [productionBuild()],
  // Workspace packages are bundled from their TypeScript sources.
  resolve: { conditions: ['aviso-source', ...defaultClientConditions] },
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    reportCompressedSize: false,
  },
  esbuild: { legalComments: 'none' },
});
