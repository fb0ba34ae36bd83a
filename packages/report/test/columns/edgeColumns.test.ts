import { FAILURE_CAUSES } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { edgeColumns } from '../../src/columns/edgeColumns.js';
import { emptyEdge, makeResult } from '../__helpers__/fixtures.js';

describe('edgeColumns', () => {
  it('edgeColumns(events) has a column per failure cause and per policy event, in that order', () => {
    const keys = edgeColumns(['breaker-trip']).columns.map((c) => c.key);
    expect(keys.filter((k) => k.startsWith('failures.'))).toEqual(FAILURE_CAUSES.map((c) => `failures.${c}`));
    expect(keys.at(-1)).toBe('policyEvents.breaker-trip');
  });

  it('reads null for a latency or a success ratio that does not exist, and for an event that did not occur', () => {
    const table = edgeColumns(['breaker-trip']);
    const read = (key: string, edge = emptyEdge('a', 'b')) =>
      table.columns.find((c) => c.key === key)?.read(edge, { durationMs: 1000 });
    expect(read('latency.p99Ms')).toBeNull();
    expect(read('successRate')).toBeNull();
    expect(read('policyEvents.breaker-trip')).toBeNull();
    expect(read('latency.count')).toBe(0);
    expect(read('policyEvents.breaker-trip', makeResult().edges[1])).toBe(2);
  });
});
