import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The naive peer is built on its own, from this folder, so none of it can end up in the app's
 * build (the app's vite.config.ts only knows the repository root's index.html).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  logLevel: 'warn',
  build: { sourcemap: false, emptyOutDir: true },
});
