import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../backend/scenarios';

// docs/qa.md is where QA learns what exists: it must not fall behind the catalogue.
const doc = readFileSync('docs/qa.md', 'utf8');

describe('docs/qa.md', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('documents %s and its params', (name, s) => {
    expect(doc).toContain(`\`${name}\``);
    for (const [key, spec] of Object.entries(s.params))
      expect(doc).toContain(`${key}=${spec.default}`);
  });
});
