// Invariants of every simulation result, written once and reused by unit and property tests.

import { expect } from 'vitest';
import type { SimulationResult } from '../../src/index.js';

/** Conservation: on every edge, calls = succeeded + failed + in flight; sources sum likewise. */
export function assertConservation(result: SimulationResult): void {
  for (const edge of result.edges) {
    expect(edge.succeeded + edge.failed + edge.inFlight, `${edge.source}->${edge.destination}`).toBe(
      edge.calls,
    );
    const byCause = Object.values(edge.failures).reduce((a, b) => a + b, 0);
    expect(byCause, `failures by cause ${edge.source}->${edge.destination}`).toBe(edge.failed);
  }
  const c = result.conservation;
  expect(c.holds).toBe(true);
  expect(c.succeeded + c.failed + c.inFlight).toBe(c.offered);
}

/** Bounded retries: no edge retries more than (maxAttempts − 1) × calls. */
export function assertRetriesBounded(result: SimulationResult, maxAttempts: number): void {
  for (const edge of result.edges) {
    expect(edge.retries).toBeLessThanOrEqual((maxAttempts - 1) * edge.calls);
    expect(edge.attempts).toBe(edge.calls + edge.retries);
  }
}

/** No NaN or undefined anywhere in the result. */
export function assertFinite(result: SimulationResult): void {
  const text = JSON.stringify(result, (_k, v: unknown) =>
    typeof v === 'number' && Number.isNaN(v) ? 'NaN!' : v,
  );
  expect(text).not.toContain('NaN!');
}
