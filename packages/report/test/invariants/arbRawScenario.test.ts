// The random scenarios cover the application's own retries (`appRetry` on a call), and say per edge how many tries
// they allow, so that the invariant shards bound each edge's re-issues and tries by them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { arbRandomScenario } from './arbRawScenario.js';

/** The calls of a random scenario's services, with the service that makes them. */
function calls(input: Record<string, unknown>): { from: string; call: Record<string, unknown> }[] {
  const services = input['services'] as Record<string, { calls?: Record<string, unknown>[] }>;
  return Object.entries(services).flatMap(([from, service]) =>
    (service.calls ?? []).map((call) => ({ from, call })),
  );
}

describe('arbRandomScenario', () => {
  it('draws appRetry on some calls, and gives its attempts per edge in appAttempts (none elsewhere)', () => {
    const scenarios = fc.sample(arbRandomScenario, { numRuns: 200, seed: 7 });
    let withAppRetry = 0;
    for (const { input, appAttempts } of scenarios) {
      for (const { from, call } of calls(input)) {
        const appRetry = call['appRetry'] as { attempts: number } | undefined;
        const edge = `${from}->${String(call['to'])}`;
        if (appRetry === undefined) expect(appAttempts[edge], edge).toBeUndefined();
        else {
          withAppRetry++;
          expect(appAttempts[edge], edge).toBe(appRetry.attempts);
        }
      }
    }
    // Drawn often enough that a few hundred scenarios per shard exercise it.
    expect(withAppRetry).toBeGreaterThan(50);
  });
});
