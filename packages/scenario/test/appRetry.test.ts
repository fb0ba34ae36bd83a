// A call's `appRetry` in a scenario file: resolved with retry's defaults, and the retry storm it models after adopting
// a mesh — the application's 3 tries around Istio's 3 (its attempts: 2) make 9 tries per call to a failing service.

import { simulate } from '@meshsim/mesh';
import type { EdgeMetrics, SimulationResult } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/index.js';

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} → ${destination}`);
  return found;
}

// As in docs/scenario-format.md: an HTTP client making 3 tries (appRetry.attempts: 3) around Istio's attempts: 2
// (retry.attempts: 3): 9 tries.
const STORM = `
name: app-retry-storm
seed: 3
duration: 2s
mesh: istio-sidecar
services:
  frontend:
    serviceTime: 1ms
    calls:
      - to: payments
        timeout: 2s
        retry: { attempts: 3, retryOn: [5xx] }
        appRetry: { attempts: 3, backoff: { base: 10ms, jitter: none } }
  payments:
    serviceTime: 2ms
    errorRate: 1
traffic:
  - { to: frontend, rate: [{ at: 0s, rps: 20 }, { at: 1s, rps: 0 }] }
`;

describe('appRetry in a scenario', () => {
  it("resolves to CallConfig.appRetry with retry's defaults (retryOn [5xx], Envoy's backoff max 10 × base)", () => {
    const config = parseScenario(STORM);
    const payments = config.services.find((s) => s.name === 'frontend')?.calls[0]?.[0];
    expect(payments?.appRetry).toEqual({
      maxAttempts: 3,
      retryOn: ['5xx'],
      backoff: { baseMs: 10, maxMs: 100, jitter: 'none' },
    });
    const other = parseScenario(STORM.replace(/\n {8}appRetry: .*\n/, '\n'));
    expect(other.services.find((s) => s.name === 'frontend')?.calls[0]?.[0]).not.toHaveProperty('appRetry');
  });

  it('makes 9 tries per call of the application (3 app tries × 3 Istio tries) to a failing service', () => {
    const result = simulate(parseScenario(STORM));
    const e = edge(result, 'frontend', 'payments');
    const offered = edge(result, 'client', 'frontend').calls;
    expect(offered).toBeGreaterThan(10);
    expect(e.inFlight).toBe(0);
    expect(e.policyEvents['app-retries']).toBe(2 * offered);
    expect(e.calls).toBe(3 * offered);
    expect(e.attempts).toBe(9 * offered);
  });
});
