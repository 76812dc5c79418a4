import { defineConfig } from 'vite';

// Two pages, served at / by the demo's backend (demo/server): the side-by-side view and one store
// screen (iframed three times).
export default defineConfig({
  base: '/',
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { index: 'index.html', pane: 'pane.html' } },
  },
});
