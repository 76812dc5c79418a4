import { defineConfig } from 'vite';

// One page, served by the hub at /admin/ with its hashed assets under /admin/assets/.
export default defineConfig({
  base: '/admin/',
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    reportCompressedSize: false,
  },
  esbuild: { legalComments: 'none' },
});
