import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is served by the API at /console/ (src/http/routes/console.routes.ts), so assets are built for that base.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Preact's automatic JSX runtime; no framework plugin needed for a production build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline module-preload polyfill: helmet's CSP (script-src 'self') allows only our own files.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: { proxy: { '^/(tickets|reviews|stats|kb|health)': 'http://127.0.0.1:3000' } },
});
