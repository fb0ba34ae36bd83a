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

/**
 * A run of one service requesting no CPU, with 8 workers, in one pod with Istio's sidecar (100m) on a node of 1 core,
 * offered `rps`.
 */
function oneSidecarPod(
  rps: number,
  durationMs: number,
  cpuWeights: CpuWeightConversion = 'quadratic',
): SimulationResult {
  const cfg = config(
    [service('a', { replicas: 1, concurrency: 8, cluster: 'c', calls: [] })],
    [poisson('a', rps, undefined, 'to-a')],
    {
      durationMs,
      shape: 'istio-sidecar',
      clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: 1, zones: [{ name: 'z', nodes: 1 }] }],
    },
  );
  return simulate({ ...cfg, cpuWeights });
}

describe('CPU weights in a run', () => {
  it('equal requests share a saturated core equally, whatever the number of busy workers', () => {
    const { a, b } = cpuOf(0.5, 0.5);
    expect(a + b).toBeGreaterThan(0.97);
    expect(a / b).toBeGreaterThan(0.9);
    expect(a / b).toBeLessThan(1.1);
  });

  it("reports each service's pod QoS class and pod weight, null without node CPU", () => {
    const result = twoServices(1, undefined, 'quadratic', 200);
    const pod = (name: string) => {
      const service = result.services.find((s) => s.name === name);
      return [service?.podQosClass, service?.podCpuWeight];
    };
    expect(pod('a')).toEqual(['Burstable', 39]); // 1 core requested, no limit: 1024 shares, the kubelet's 39
    expect(pod('b')).toEqual(['BestEffort', 1]);
    const noCpu = simulate(
      config([service('a', { cluster: 'c' })], [poisson('a', 10)], {
        durationMs: 100,
        clusters: [{ name: 'c', region: 'r', vpc: 'v', nodeCpu: null, zones: [{ name: 'z', nodes: 1 }] }],
      }),
    );
    expect([noCpu.services[0]?.podQosClass, noCpu.services[0]?.podCpuWeight]).toEqual([null, null]);
  });

  it('a service requesting a core takes almost all of it from one requesting nothing (QoS classes of 39 and 1)', () => {
    const { a, b } = cpuOf(1, undefined);
    expect(a / (a + b)).toBeGreaterThan(0.95);
    expect(a / (a + b)).toBeLessThan(39 / 40 + 0.01);
  });

  it("between pods the kubelet's own weights count: v2 runtimes alike (39 against 1), cgroup v1 (1024 against 2) more", () => {
    const share = (conversion: CpuWeightConversion) => {
      const { a, b } = cpuOf(1, undefined, conversion);
      return b / (a + b);
    };
    // The pods' QoS classes weigh 39 (Burstable, 1024 shares by the kubelet's linear conversion) and 1 (BestEffort)
    // whatever the runtime's conversion of the containers' own weights; under cgroup v1 1024 and 2. After the
    // arrivals stop each drains its queue: the same small share in every run.
    const shares = share('shares');
    const quadratic = share('quadratic');
    const linear = share('linear');
    expect(quadratic).toBe(linear);
    expect(linear).toBeGreaterThan(1.5 * shares);
    expect(linear).toBeLessThan(0.05);
  });

  it("within a pod the runtime's conversion counts: a 100m sidecar next to its app requesting nothing", () => {
    // One pod on a saturated core: the app's container weighs 1 and Istio's sidecar (100m) 17 under the runtimes'
    // quadratic conversion, 4 under the linear one, 102 shares against 2 under cgroup v1.
    const sidecarWait = (cpuWeights: CpuWeightConversion) =>
      oneSidecarPod(400, 3_000, cpuWeights).services.find((s) => s.name === 'a')?.sidecarCpuWaitMs ??
      Number.NaN;
    const shares = sidecarWait('shares');
    const quadratic = sidecarWait('quadratic');
    const linear = sidecarWait('linear');
    expect(shares).toBeLessThan(quadratic);
    expect(quadratic).toBeLessThan(0.8 * linear);
  });

  it('refuses an unknown conversion from a library caller, naming the field', () => {
    expect(() => cpuOf(1, undefined, 'cubic' as CpuWeightConversion)).toThrow(
      new RangeError('cpuWeights must be one of "quadratic", "linear", "shares" (got cubic)'),
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

  it('says when a service without a request lost to its own sidecars in its pods, not to its neighbours', () => {
    // One saturated core, one pod: the app (no request, weight 1) and Istio's sidecar (100m, weight 17).
    const warnings = oneSidecarPod(600, 2_000).warnings.filter((w) => w.includes('requests no CPU'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^services\.a requests no CPU: in its pods its application containers \(CPU weight 1, the smallest\) come after their istio-proxy containers \(17, from a 100m request\); its application containers waited [\d.]+× as long/,
    );
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
      /^services\.b requests no CPU: its pods are BestEffort \(no container of theirs requests CPU\), the class that weighs least on a busy node \(1, however many pods it holds\); its application containers waited [\d.]+× as long for a core as they ran; a cpuRequest gives them a weight/,
    );
    // Under cgroup v1 shares the BestEffort class weighs 2 shares, and the warning says so.
    expect(starved(1, undefined, 'shares')[0]).toMatch(/the class that weighs least on a busy node \(2,/);
    // Both request: no warning, however long they wait; neither does: equals share a saturated node, no warning.
    expect(starved(1, 0.5)).toEqual([]);
    expect(starved(undefined, undefined)).toEqual([]);
  });
});
