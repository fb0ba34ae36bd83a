// "Did you mean" suggestions: the closest candidate within two edits, and linear time on hostile words.

import { describe, expect, it } from 'vitest';

import { closest, didYouMean, levenshtein } from '../../src/internal/suggest.js';

describe('suggest', () => {
  it('suggests the closest candidate within two edits, case-insensitively', () => {
    expect(levenshtein('replica', 'replicas')).toBe(1);
    expect(closest('Replica', ['queue', 'replicas'])).toBe('replicas');
    expect(didYouMean('servicetime', ['serviceTime', 'calls'])).toBe(' (did you mean "serviceTime"?)');
    expect(didYouMean('zzz', ['serviceTime'])).toBe('');
  });

  it("suggests the field another tool's name means, when it is a sibling of the unknown key", () => {
    expect(didYouMean('rps', ['name', 'to', 'rate', 'arrival'])).toBe(' (did you mean "rate"?)');
    expect(didYouMean('QPS', ['rate'])).toBe(' (did you mean "rate"?)');
    expect(didYouMean('cpu', ['replicas', 'cpuLimit', 'cpuRequest'])).toBe(
      ' (did you mean "cpuLimit" or "cpuRequest"?)',
    );
    // A cluster's `nodes` is both: the node count per zone and the node size.
    expect(didYouMean('nodes', ['name', 'zones', 'nodeCpu', 'nodePools'])).toBe(
      ' (did you mean "zones" or "nodeCpu"?)',
    );
    // The cgroup version is what decides the CPU weights.
    expect(didYouMean('cgroup', ['nodeCpu', 'cpuWeights', 'clusters'])).toBe(' (did you mean "cpuWeights"?)');
    // Not a sibling here: no suggestion.
    expect(didYouMean('instances', ['rate', 'to'])).toBe('');
    // Names of Object.prototype find no synonym.
    for (const word of ['constructor', '__proto__', 'toString']) expect(didYouMean(word, ['rate'])).toBe('');
  });

  it('answers at once for a 100,000-character word (lengths too far apart are skipped, issue #12)', () => {
    const word = 'x'.repeat(100_000);
    const candidates = Array.from({ length: 50 }, (_, i) => `candidate${i}`);
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(closest(word, candidates)).toBeUndefined();
    // Quadratic Levenshtein would take about 20 × 50 × 100,000 × 10 steps: seconds, not milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
