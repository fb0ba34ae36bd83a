// The node CPU weights in a whole run: on a saturated node, services share the cores by their pods' CPU requests
// (Kubernetes' cgroup weights), not by how many of their workers are busy.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import type { CpuWeightConversion, SimulationResult } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

/** A service's CPU request field, absent for none. */
const requested = (cores: number | undefined) => (cores === undefined ? {} : { cpuRequestCores: cores });

/**
 * A run of two services on one node of 1 core, both offered twice what the core can do; `b` with 8 workers to `a`'s
 * 2; each with its CPU request (undefined: none).
 */
function twoServices(
  requestA: number | undefined,
  requestB: number | undefined,
  cpuWeights: CpuWeightConversion = 'quadratic',
  durationMs = 5_000,
): SimulationResult {
  const cfg = config(
    [
      service('a', { replicas: 1, concurrency: 2, cluster: 'c', ...requested(requestA) }),
      service('b', { replicas: 1, concurrency: 8, cluster: 'c', ...requested(requestB) }),
    ],
    [poisson('a', 400, undefined, 'to-a'), poisson('b', 400, undefined, 'to-b')],
    {
      durationMs,
      clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
    },
  );
  return simulate({ ...cfg, cpuWeights });
}

/** The CPU [cores] of `a` and `b` in {@link twoServices}. */
function cpuOf(
  requestA: number | undefined,
  requestB: number | undefined,
  cpuWeights?: CpuWeightConversion,
): { a: number; b: number } {
  const result = twoServices(requestA, requestB, cpuWeights);
  const cores = (name: string) => result.services.find((s) => s.name === name)?.cpuCores ?? Number.NaN;
  return { a: cores('a'), b: cores('b') };
}

describe('CPU weights in a run', () => {
  it('equal requests share a saturated core equally, whatever the number of busy workers', () => {
    const { a, b } = cpuOf(0.5, 0.5);
    expect(a + b).toBeGreaterThan(0.97);
    expect(a / b).toBeGreaterThan(0.9);
    expect(a / b).toBeLessThan(1.1);
  });

  it('a service requesting a core takes almost all of it from one requesting nothing (weights 100 and 1)', () => {
    const { a, b } = cpuOf(1, undefined);
    expect(a / (a + b)).toBeGreaterThan(0.95);
    expect(a / (a + b)).toBeLessThan(100 / 101 + 0.01);
  });

  it("the nodes' conversion sets how much a request outweighs none: shares (v1) most, linear (old v2) least", () => {
    const share = (conversion: CpuWeightConversion) => {
      const { a, b } = cpuOf(1, undefined, conversion);
      return b / (a + b);
    };
    // Weights 1024:2, 100:1 and 39:1 while both have work (after the arrivals stop, each drains its queue: the same
    // small share in every run).
    const shares = share('shares');
    const quadratic = share('quadratic');
    const linear = share('linear');
    expect(quadratic).toBeGreaterThan(1.5 * shares);
    expect(linear).toBeGreaterThan(1.5 * quadratic);
    expect(linear).toBeLessThan(0.05);
  });

  it('refuses an unknown conversion from a library caller, naming the field', () => {
    expect(() => cpuOf(1, undefined, 'cubic' as CpuWeightConversion)).toThrow(
      /cpuWeights must be one of quadratic, linear, shares \(got "cubic"\)/,
    );
  });

  it("gives in-kernel datapath work (Cilium's eBPF) the largest weight: it barely waits on a saturated node", () => {
    const cfg = config(
      [service('a', { replicas: 1, concurrency: 8, cluster: 'c', calls: [], cpuRequestCores: 1 })],
      [poisson('a', 400, undefined, 'to-a')],
      {
        durationMs: 5_000,
        shape: 'cilium',
        clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
      },
    );
    const result = simulate(cfg);
    const ebpf = result.proxies.byKind.find((kind) => kind.kind === 'cilium-ebpf');
    const app = result.services.find((service) => service.name === 'a');
    expect(result.nodes[0]?.utilisation).toBeGreaterThan(0.95);
    expect(app?.cpuWaitMs ?? 0).toBeGreaterThan(1_000);
    // Weight 10,000 against the application's 100 (a core requested): as kernel work, it hardly waits.
    expect(ebpf?.cpuWaitMs ?? Number.NaN).toBeLessThan(0.01 * (app?.cpuWaitMs ?? 0));
  });

  it('warns about a service without a request whose work waited for a core longer than it ran, and only then', () => {
    const starved = (
      requestA: number | undefined,
      requestB: number | undefined,
      cpuWeights: CpuWeightConversion = 'quadratic',
    ) =>
      twoServices(requestA, requestB, cpuWeights, 2_000).warnings.filter((warning) =>
        warning.includes('requests no CPU'),
      );
    const [warning, ...others] = starved(1, undefined);
    expect(others).toEqual([]);
    expect(warning).toMatch(
      /^services\.b requests no CPU: on busy nodes its application containers \(CPU weight 1, the smallest\) waited [\d.]+× as long for a core as they ran, while neighbours that request CPU went first/,
    );
    // Under cgroup v1 shares the container without a request weighs 2, and the warning says so.
    expect(starved(1, undefined, 'shares')[0]).toMatch(
      /its application containers \(CPU weight 2, the smallest\)/,
    );
    // Both request: no warning, however long they wait; neither does: equals share a saturated node, no warning.
    expect(starved(1, 0.5)).toEqual([]);
    expect(starved(undefined, undefined)).toEqual([]);
  });
});
