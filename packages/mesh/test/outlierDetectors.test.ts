// An edge's `outlierDetectors`: the calling proxies that keep an outlier detector for its destination (one each, as
// Envoy keeps one per cluster per proxy), so that the ejected host·ms summed over them can be read per caller.

import { describe, expect, it } from 'vitest';

import { simulate } from '../src/index.js';
import type { EdgeMetrics, FaultConfig, SimulationConfig, SimulationResult } from '../src/index.js';
import { ENVOY_OUTLIER_DETECTION, NO_DESTINATION_POLICY } from '../src/config/policyDefaults.js';
import { call, config, poisson, service } from './__helpers__/configs.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

/** client → a (4 pods) → b (10 pods, outlier detection, its first pod always failing) under `shape`. */
function callersOfB(
  shape: string,
  faults: FaultConfig[] = [],
  b: { waypoint?: boolean } = {},
): SimulationConfig {
  return config(
    [
      service('a', { replicas: 4, calls: [[call('b')]] }),
      service('b', {
        replicas: 10,
        ...b,
        destination: { ...NO_DESTINATION_POLICY, outlierDetection: ENVOY_OUTLIER_DETECTION },
      }),
    ],
    [poisson('a', 400)],
    {
      shape,
      durationMs: 10_000,
      faults: [
        {
          atMs: 0,
          durationMs: Infinity,
          service: 'b',
          instances: 1,
          effect: { kind: 'error', rate: 1 },
        },
        ...faults,
      ],
    },
  );
}

describe("an edge's outlier detectors", () => {
  it('are the calling pods whose sidecar keeps one for the destination; 0 on an edge without outlier detection', () => {
    const result = simulate(callersOfB('istio-sidecar'));
    const ab = edge(result, 'a', 'b');
    expect(ab.outlierDetectors).toBe(4);
    // Each sidecar ejected the bad pod on what it saw: their host·ms together exceed what one run's length allows.
    expect(ab.policyTimeMs['outlier-ejected-host']).toBeGreaterThan(10_000);
    expect(edge(result, 'client', 'a').outlierDetectors).toBe(0);
  });

  it('count a sidecar once when it restarts (its new process keeps a new detector for the same caller)', () => {
    const crash: FaultConfig = {
      atMs: 3000,
      durationMs: 1000,
      service: 'a',
      instances: 2,
      effect: { kind: 'crash-proxy', proxy: 'sidecar' },
    };
    expect(edge(simulate(callersOfB('istio-sidecar', [crash])), 'a', 'b').outlierDetectors).toBe(4);
  });

  it("are the destination's waypoint when it enforces the callers' policies (one proxy for every caller pod)", () => {
    const result = simulate(callersOfB('istio-ambient', [], { waypoint: true }));
    expect(edge(result, 'a', 'b').outlierDetectors).toBe(1);
  });
});
