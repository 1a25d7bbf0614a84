// Builds the dashboard into web/dist, which vigie-server embeds (rust-embed):
// the user never needs node to run vigie. File names carry no content hash
// so that a rebuild with unchanged sources gives the same file list, and CI
// can check web/dist is current with a plain diff.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Inline nothing as data: URLs; keeps the CSP strict (img-src 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        entryFileNames: 'assets/app.js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
