// Small generated scenarios for the diagnosis tests: a two-layer call chain hit by a latency fault, built
// either to recover (no retries, short queues) or not (retries at both layers, long queues, no cancellation).

import type { SimulationConfig } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';

/** Knobs of {@link stormScenario}. */
export interface StormOptions {
  /** Offered rate [req/s]. */
  rateRps: number;
  /** Workers per backend instance (2 instances; mean service time 10 ms ⇒ capacity 200 × workers req/s). */
  workers: number;
  /** Added latency during the fault [ms]. */
  faultAddMs: number;
  /** Tries per call at each layer (1: no retry). */
  attempts: number;
  /** Waiting-queue capacity per backend instance. */
  queue: number;
  seed: number;
}

/** client → api → backend, a latency fault on backend 10–20 s, 40 s in all. */
export function stormScenario(options: StormOptions): SimulationConfig {
  const retry = options.attempts > 1 ? { attempts: options.attempts, retryOn: ['5xx'] } : { attempts: 1 };
  return resolveScenario(
    {
      name: 'storm',
      seed: options.seed,
      duration: '40s',
      mesh: 'none',
      services: {
        api: {
          replicas: 2,
          concurrency: 512,
          queue: 64,
          serviceTime: '1ms',
          calls: [{ to: 'backend', timeout: '1s', perTryTimeout: '200ms', retry }],
        },
        backend: {
          replicas: 2,
          concurrency: options.workers,
          queue: options.queue,
          serviceTime: { exponential: { mean: '10ms' } },
        },
      },
      traffic: [{ name: 'client', to: 'api', rate: options.rateRps, timeout: '3s', retry }],
      faults: [{ at: '10s', for: '10s', service: 'backend', latency: `+${options.faultAddMs}ms` }],
    },
    'storm.yaml',
  );
}
