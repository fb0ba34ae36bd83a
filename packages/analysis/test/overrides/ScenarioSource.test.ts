// The scenario hash that keys a sweep's stored runs follows the text, not the name it came by
// (docs/analysis.md, The results store): the same text piped on stdin resumes, an edited file does not. A source says
// whether it is a bundled scenario read by name.

import { describe, expect, it } from 'vitest';

import { listBundledScenarios } from '@meshsim/scenario';

import { readScenarioSource, scenarioSource } from '../../src/index.js';

describe('scenario sources', () => {
  it('hash the text: a bundled file and the same text from stdin share a hash; a comment changes it', () => {
    const bundled = readScenarioSource('steady-3tier');
    const piped = scenarioSource('<stdin>', bundled.text);
    expect(piped.hash).toBe(bundled.hash);
    expect(piped.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarioSource('<stdin>', `${bundled.text}# edited\n`).hash).not.toBe(bundled.hash);
  });

  it("say when they are a bundled scenario read by name (its file is not the user's), not a file or text", () => {
    const bundled = readScenarioSource('steady-3tier');
    expect(bundled).toMatchObject({ file: 'steady-3tier.yaml', bundled: 'steady-3tier' });
    expect(readScenarioSource(listBundledScenarios()[0]?.file ?? '').bundled).toBeUndefined();
    expect(scenarioSource('<stdin>', bundled.text).bundled).toBeUndefined();
  });
});
