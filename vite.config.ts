/**
 * Vite serves and builds the web app (index.html at the repository root, sources in web/).
 *
 * `base: './'` makes every asset URL relative, so the built `dist/` works from any static host
 * or sub-folder without a server-side rewrite. The simulation worker is built as an ES module
 * so it can share chunks (the core) with the page.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: '.',
  base: './',
  publicDir: false,
  server: { open: false },
  preview: { open: false },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
