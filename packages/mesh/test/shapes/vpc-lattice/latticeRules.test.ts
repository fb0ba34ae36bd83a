// VPC Lattice's own rules: health checks only for HTTP/1 target groups by default, Lattice answering for a target
// that does not answer (the caller's connection is to Lattice), and the per-service hourly free requests.

import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1_PRICES, simulate } from '../../../src/index.js';
import type { EdgeMetrics, FaultConfig, SimulationResult } from '../../../src/index.js';
import {
  HOURS_PER_MONTH,
  latticeCostPerMonthUsd,
  latticeEndpointChangeDelayMs,
} from '../../../src/internal/index.js';
import { assertConservation } from '../../__helpers__/assertions.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

const crash = (overrides: Partial<FaultConfig> = {}): FaultConfig => ({
  atMs: 5000,
  durationMs: Infinity,
  service: 'b',
  instances: 1,
  effect: { kind: 'crash' },
  ...overrides,
});

describe('Lattice health checks', () => {
  it('run for HTTP/1 target groups only: an HTTP/2 service’s crashed pod is never dropped (and a warning says so)', () => {
    expect(latticeEndpointChangeDelayMs(false, 10_000, service('b'))).toBe(50_000);
    expect(latticeEndpointChangeDelayMs(false, 10_000, service('b', { protocol: 'http2' }))).toBe(Infinity);
    const run = (protocol: 'http1' | 'http2') =>
      simulate(
        config(
          [
            service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
            service('b', { replicas: 4, protocol }),
          ],
          [poisson('a', 100)],
          { shape: 'vpc-lattice', durationMs: 90_000, faults: [crash()] },
        ),
      );
    const failedAfter = (result: SimulationResult, fromS: number) =>
      (result.timeSeries.edges.find((e) => e.source === 'a' && e.destination === 'b')?.failed ?? [])
        .slice(fromS)
        .reduce((x, y) => x + y, 0);
    const h1 = run('http1');
    const h2 = run('http2');
    expect(failedAfter(h1, 61)).toBe(0); // dropped at the second failed check, 60 s
    expect(failedAfter(h2, 61)).toBeGreaterThan(0.2 * 100 * 25); // a quarter of the calls keep failing
    expect(h2.warnings.join('\n')).toMatch(/"b" speaks HTTP\/2: VPC Lattice runs no health checks/);
    expect(h1.warnings.join('\n')).not.toMatch(/speaks HTTP\/2/);
  });
});

describe('Lattice answers for a target that does not answer', () => {
  const services = [
    service('a', { replicas: 2, concurrency: 64, calls: [[call('b')]] }),
    service('b', { replicas: 4, concurrency: 64 }),
  ];

  it('a pod on a node that is off: 504 after Lattice’s connect timeout, not the caller’s hung connection', () => {
    const off = crash({ effect: { kind: 'crash-node' }, durationMs: 20_000 });
    const result = simulate(
      config(services, [poisson('a', 100)], { shape: 'vpc-lattice', durationMs: 40_000, faults: [off] }),
    );
    const ab = edge(result, 'a', 'b');
    expect(ab.failures['gateway-timeout']).toBeGreaterThan(0);
    expect(ab.failures['connect-failure']).toBe(0);
    // Calls end (504) instead of hanging on requests lost at the pod: only those in flight at the power-off remain.
    expect(ab.inFlight).toBeLessThan(5);
    assertConservation(result);
  });

  it('a crashed pod on a live node: 502 from Lattice at once', () => {
    const result = simulate(
      config(services, [poisson('a', 100)], { shape: 'vpc-lattice', durationMs: 20_000, faults: [crash()] }),
    );
    const ab = edge(result, 'a', 'b');
    expect(ab.failures['bad-gateway']).toBeGreaterThan(0);
    expect(ab.failures['connect-failure'] + ab.failures.reset).toBe(0);
  });
});

describe('Lattice request pricing', () => {
  it('bills each service’s requests beyond 300,000 an hour only', () => {
    const p = AWS_US_EAST_1_PRICES;
    const serviceHours = HOURS_PER_MONTH * 2 * p.latticeServiceHourUsd;
    // 50 req/s = 180,000 an hour: free; 100 req/s = 360,000 an hour: 60,000 billed each hour.
    expect(latticeCostPerMonthUsd(p, 2, [50, 50], 0)).toBeCloseTo(serviceHours, 9);
    expect(latticeCostPerMonthUsd(p, 2, [50, 100], 0)).toBeCloseTo(
      serviceHours + ((60_000 * HOURS_PER_MONTH) / 1e6) * p.latticeMillionRequestsUsd,
      9,
    );
    expect(p.label).toMatch(/beyond 300,000 per service-hour/);
  });
});
