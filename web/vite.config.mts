import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The client app, built into dist/web (the server serves it from there at `/`). No inline script or
 * style anywhere, so the strict content security policy holds: Vite links the entry and its CSS as
 * files, and the module-preload polyfill (an inline helper in old browsers only) is off.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run web:dev` for hot reload, with the API from a running `npm start`.
    proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true }, '/auth': 'http://127.0.0.1:3000' },
  },
});
