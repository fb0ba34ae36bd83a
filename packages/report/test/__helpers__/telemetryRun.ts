// A short canary run with retries and request series and traces recorded, for the export renderers' tests.

import { simulate } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';

/** Two services, checkout split 75/25 between v1 and a failing v2, retried by frontend; 3.5 s. */
export const TELEMETRY_SCENARIO = `name: telemetry-canary
seed: 3
duration: 3500ms
mesh: istio-sidecar
services:
  frontend:
    replicas: 2
    concurrency: 16
    serviceTime: { exponential: { mean: 2ms } }
    calls:
      - { to: checkout, timeout: 500ms, retry: { attempts: 2, retryOn: [5xx] } }
  checkout:
    replicas: 4
    concurrency: 16
    serviceTime: { exponential: { mean: 4ms } }
    requestBytes: 512
    responseBytes: 4096
    versions:
      - { name: v1, replicas: 3, weight: 75 }
      - { name: v2, replicas: 1, weight: 25, errorRate: 0.5 }
traffic:
  - { name: shoppers, to: frontend, rate: 200/s }
`;

/** The run, with request series and 20 % of requests traced. */
export function telemetryRun(): SimulationResult {
  return simulate(parseScenario(TELEMETRY_SCENARIO, 'telemetry-canary.yaml'), {
    telemetry: { requests: true, traceSampleRate: 0.2 },
  });
}
