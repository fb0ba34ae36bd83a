// The transport's cost in events: a network transfer is an event unless it draws no delay at all; then
// the attempt crosses it at once; a proxy traversal and the network transfer after it are one event.
// Counted on calls one after another (nothing queues).

import type { DistributionSpec } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import { config, poisson, service, ZERO_NETWORK } from '../__helpers__/configs.js';

const ONE_MS: DistributionSpec = { kind: 'constant', value: 1 };
const ONE_MS_NETWORK = {
  sameNodeMs: ONE_MS,
  sameZoneMs: ONE_MS,
  crossZoneMs: ONE_MS,
  crossClusterMs: ONE_MS,
};

/** 10 req/s for 100 s into a 1 ms constant service: its events and calls (nothing in flight at the end). */
function run(network: typeof ZERO_NETWORK, shape = 'none'): { events: number; calls: number } {
  const result = simulate(
    config([service('api', { serviceTimeMs: { kind: 'constant', value: 1 } })], [poisson('api', 10)], {
      network,
      durationMs: 100_000,
      shape,
    }),
  );
  expect(result.conservation.inFlight).toBe(0);
  return { events: result.events, calls: result.conservation.succeeded };
}

describe('Transport', () => {
  it('crosses a zero-delay transfer without an event, schedules one with a delay', () => {
    const zero = run(ZERO_NETWORK);
    const oneMs = run(ONE_MS_NETWORK);
    // Same seed, same arrivals: the same calls.
    expect(zero.calls).toBeGreaterThan(900);
    expect(oneMs.calls).toBe(zero.calls);
    // With latency, each call has two more events: the transfer in and the transfer back.
    expect(oneMs.events - zero.events).toBe(2 * zero.calls);
    // Without it, 2 per call (the arrival and the service) and the run's once-per-interval bookkeeping.
    const perCall = zero.events / zero.calls;
    expect(perCall).toBeGreaterThanOrEqual(2);
    expect(perCall).toBeLessThan(2.2);
  });

  it('merges a proxy traversal with the network transfer after it: a sidecar costs one event per direction', () => {
    const none = run(ONE_MS_NETWORK);
    const sidecar = run(ONE_MS_NETWORK, 'istio-sidecar');
    expect(sidecar.calls).toBe(none.calls);
    // Outside the mesh → network → api's sidecar → api, and back: the sidecar's inbound traversal (the app
    // comes next, not a network hop) is an event of its own; its outbound traversal carries the transfer
    // back with it. So one event per call more than without a mesh, not two (four with a transfer each).
    expect(sidecar.events - none.events).toBe(none.calls);
  });
});
