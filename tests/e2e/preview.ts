import { preview, type PreviewServer } from 'vite';
import { E2E_DIST } from './chromium';

/** Serves the production build on 127.0.0.1 at a free port. */
export async function servePreview(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir: E2E_DIST },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Expected the preview server to report a URL');
  return { url: url.replace(/\/$/, ''), close: () => server.close() };
}
