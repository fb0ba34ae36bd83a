// Properties of a source with `connections`: it never has more requests in flight at the server than its
// connections (a server with exactly that many workers and no queue never rejects one), and every offered
// request is accounted for: conservation, and attempts = calls − still waiting + retries. (The order in which
// waiting arrivals are sent is checked exactly in sourceConnections.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_POLICY, simulate } from '../../src/index.js';
import type { DistributionSpec } from '@meshsim/engine';
import type { TrafficConfig } from '../../src/index.js';
import { assertFinite, assertResultInvariants } from '../__helpers__/assertions.js';
import { ZERO_NETWORK, config, service } from '../__helpers__/configs.js';

const arbServiceTime: fc.Arbitrary<DistributionSpec> = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((value) => ({ kind: 'constant' as const, value })),
  fc.integer({ min: 1, max: 30 }).map((mean) => ({ kind: 'exponential' as const, mean })),
);

describe('a source with connections (properties)', () => {
  it('never has more requests at the server than its connections; conservation holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 10, max: 2000 }),
        fc.constantFrom<'poisson' | 'constant'>('poisson', 'constant'),
        arbServiceTime,
        fc.integer({ min: 1, max: 1000 }),
        fc.option(fc.integer({ min: 0, max: 450 }), { nil: undefined }),
        (connections, rps, arrival, serviceTimeMs, seed, crashAtMs) => {
          const traffic: TrafficConfig = {
            kind: 'open',
            name: 'loadgen',
            to: 'api',
            arrival,
            rate: [{ atMs: 0, rps, rampToNext: false }],
            policy: NO_POLICY,
            connections,
          };
          const result = simulate(
            config(
              [service('api', { replicas: 1, concurrency: connections, queueCapacity: 0, serviceTimeMs })],
              [traffic],
              {
                durationMs: 500,
                network: ZERO_NETWORK,
                seed,
                // A crash resets every request in flight at one instant: several connections free at once.
                faults:
                  crashAtMs === undefined
                    ? []
                    : [
                        {
                          atMs: crashAtMs,
                          durationMs: 30,
                          service: 'api',
                          instances: 1,
                          effect: { kind: 'crash' },
                        },
                      ],
              },
            ),
          );
          assertResultInvariants(result, 1);
          assertFinite(result);
          const api = result.services.find((s) => s.name === 'api');
          expect(api?.rejected).toBe(0);
          const edge = result.edges[0];
          if (crashAtMs === undefined) expect(edge?.failed).toBe(0);
          // Overloaded runs end with arrivals still waiting: offered, in flight, never attempted.
          expect(edge?.waitingAtSource).toBeLessThanOrEqual(edge?.inFlight ?? 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
