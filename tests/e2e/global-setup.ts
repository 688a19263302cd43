import { build } from 'vite';
import { CHROMIUM_PATH, E2E_DIST, hasChromium } from './chromium';

/** Builds the production app once for every browser test. */
export default async function setup() {
  if (!hasChromium) {
    if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${CHROMIUM_PATH}`);
    console.warn(
      `\n[pulseboard] Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}.` +
        `\n  Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)\n`,
    );
    return;
  }
  // Vitest runs with NODE_ENV=test, which would give the browser tests React's development
  // build (StrictMode double effects, dev warnings): test what operators get instead.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: E2E_DIST, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
