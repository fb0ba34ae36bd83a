// The scenario hash that keys a sweep's stored runs follows the text, not the name it came by
// (docs/analysis.md, The results store): the same text piped on stdin resumes, an edited file does not.

import { describe, expect, it } from 'vitest';

import { readScenarioSource, scenarioSource } from '../../src/index.js';

describe('scenario sources', () => {
  it('hash the text: a bundled file and the same text from stdin share a hash; a comment changes it', () => {
    const bundled = readScenarioSource('steady-3tier');
    const piped = scenarioSource('<stdin>', bundled.text);
    expect(piped.hash).toBe(bundled.hash);
    expect(piped.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarioSource('<stdin>', `${bundled.text}# edited\n`).hash).not.toBe(bundled.hash);
  });
});
