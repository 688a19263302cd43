import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve('src/realtime');
const files = readdirSync(CORE).filter((f) => f.endsWith('.ts'));
const source = (file: string) => readFileSync(path.join(CORE, file), 'utf8');

describe('the realtime core', () => {
  it.each(files)('%s imports nothing from React, the store or the UI', (file) => {
    const imports = [...source(file).matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const specifier of imports) {
      expect(specifier).not.toMatch(/^(react|react-dom|zustand)(\/|$)|\/(store|ui|app)(\/|$)/);
    }
  });

  it.each(files)('%s does not touch window or the DOM, so it can run in a Web Worker', (file) => {
    const code = source(file).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/\b(window|document|navigator|localStorage)\s*[.[]/);
  });
});
