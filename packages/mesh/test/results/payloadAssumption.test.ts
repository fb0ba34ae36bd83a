// The payload-size assumption is printed with a run's results exactly when a service sets a request or response
// size: payloads then move only per-byte costs, not the proxies' latency or CPU per request (their profiles', measured
// with 1 KB payloads), and the network has no bandwidth limit.

import { describe, expect, it } from 'vitest';

import { resolveMeshConfig, simulate } from '../../src/index.js';
import type { SimulationResult } from '../../src/index.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

const payloadLines = (assumptions: readonly string[]) =>
  assumptions.filter((line) => line.startsWith('Payload sizes'));

/** `a` → `b` under istio-sidecar, `b` answering `responseBytes`. */
function run(responseBytes?: number): SimulationResult {
  return simulate({
    ...config(
      [
        service('a', { calls: [[call('b')]] }),
        service('b', responseBytes === undefined ? {} : { responseBytes }),
      ],
      [poisson('a', 200)],
      { durationMs: 2000 },
    ),
    mesh: resolveMeshConfig({ shape: 'istio-sidecar' }),
  });
}

describe('the payload-size assumption', () => {
  it('is printed when a service sets a payload size, naming it, the 1 KB profiles and the unlimited network', () => {
    const [line] = payloadLines(run(1024 * 1024).assumptions);
    expect(line).toMatch(/^Payload sizes \(requestBytes\/responseBytes of b\) change only per-byte costs/);
    expect(line).toMatch(/VPC Lattice's data processing \(per GB\)/);
    expect(line).toMatch(/latency and CPU per request are its profile's, measured with 1 KB payloads/);
    expect(line).toMatch(/the network has no bandwidth limit \(no time per byte\): assumptions\.$/);
  });

  it("says what the model does: a 1 MiB response leaves the sidecars' latency and CPU as at 0 bytes", () => {
    const none = run();
    const big = run(1024 * 1024);
    const sidecarCpu = (result: SimulationResult) =>
      result.proxies.byKind.find((kind) => kind.kind === 'envoy-sidecar')?.cpuCores;
    expect(sidecarCpu(none)).toBeGreaterThan(0);
    expect(sidecarCpu(big)).toBe(sidecarCpu(none));
    expect(big.edges.map((edge) => edge.latency.p50Ms)).toEqual(none.edges.map((edge) => edge.latency.p50Ms));
  });

  it('is not printed when no service sets a size (the default 0 bytes)', () => {
    expect(payloadLines(run().assumptions)).toEqual([]);
    expect(payloadLines(run(0).assumptions)).toEqual([]);
  });
});
