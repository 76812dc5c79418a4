import { defineConfig } from 'vite';

// Two pages served by the hub under /demo/: the side-by-side view and one store screen (iframed three times).
export default defineConfig({
  base: '/demo/',
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { index: 'index.html', pane: 'pane.html' } },
  },
});
