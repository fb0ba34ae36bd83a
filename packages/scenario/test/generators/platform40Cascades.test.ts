// The platform-40 cascade files are exactly what their generator writes, and each differs from platform-40 only
// by its rate, duration, faults and (for the retry storm) its call policies.

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { listBundledScenarios } from '../../src/index.js';
import { PLATFORM40_CASCADES, generatePlatform40Cascade } from '../../src/generators/platform40Cascades.js';
import { platform40CascadeYaml } from '../../src/generators/platform40CascadesYaml.js';

describe('platform-40 cascades', () => {
  it.each(PLATFORM40_CASCADES)('scenarios/%s.yaml is the generated file', (name) => {
    const file = listBundledScenarios().find((s) => s.name === name)?.file;
    expect(file, `${name} is bundled`).toBeDefined();
    expect(readFileSync(file ?? '', 'utf8')).toBe(platform40CascadeYaml(name));
  });

  it('each has faults, and is generated deterministically', () => {
    for (const name of PLATFORM40_CASCADES) {
      const doc = generatePlatform40Cascade(name);
      expect(doc['name']).toBe(name);
      expect((doc['faults'] as unknown[]).length).toBeGreaterThan(0);
      expect(generatePlatform40Cascade(name)).toEqual(doc);
    }
  });
});
