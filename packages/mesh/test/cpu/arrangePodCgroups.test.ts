// The kubelet's cgroup tree on a node: QoS classes from the pods' CPU and memory, Guaranteed pods directly in `kubepods`,
// Burstable and BestEffort pods in their class, each level weighed by the kubelet's own (linear) conversion.

import { Engine } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import {
  NodeCpu,
  arrangePodCgroups,
  cpuWeightOfRequest,
  kernelCpuWeight,
  kubeletCpuWeight,
  podQosClass,
} from '../../src/internal/index.js';
import type { PodContainerCpu } from '../../src/internal/index.js';
import type { CpuWeightConversion } from '../../src/index.js';

/** A pod spec: its name and its containers' `[requestCores, limitCores]`. */
type PodSpec = readonly [string, readonly (readonly [number | undefined, number])[]];

/**
 * Runs one 1000 ms task in every container of `pods` on a node of `cores` (the containers weighed by the runtime's
 * conversion, the pods arranged as the kubelet does) and returns each container's CPU [ms] after `forMs`.
 */
function cpuAfter(
  cores: number,
  pods: readonly PodSpec[],
  forMs: number,
  conversion: CpuWeightConversion = 'quadratic',
): Record<string, number> {
  const engine = new Engine();
  const node = new NodeCpu(engine, 'n', cores);
  const made = pods.map(([name, containers]) => ({
    name,
    containers: containers.map(([requestCores, limitCores], i): PodContainerCpu => ({
      container: node.container(`${name}/${i}`, limitCores, cpuWeightOfRequest(requestCores, conversion)),
      requestCores,
      limitCores,
    })),
  }));
  arrangePodCgroups(node, made, conversion);
  for (const pod of made) for (const c of pod.containers) c.container.run(1000, () => undefined, null);
  engine.run({ untilMs: forMs });
  const out: Record<string, number> = {};
  for (const pod of made) for (const c of pod.containers) out[c.container.name] = c.container.cpuMsAt(forMs);
  return out;
}

describe('podQosClass (from the containers’ CPU and memory, as Kubernetes’ GetPodQOS)', () => {
  /** A container with CPU `requestCores`/`limitCores` and memory `requestMiB`/`limitMiB` (none by default). */
  const c = (requestCores: number | undefined, limitCores = Infinity, requestMiB = 0, limitMiB = Infinity) =>
    ({ requestCores, limitCores, memory: { requestMiB, limitMiB } }) as PodContainerCpu;

  it('BestEffort without any request or limit, Guaranteed when every limit equals its request, else Burstable', () => {
    expect(podQosClass([c(undefined), c(0)])).toBe('BestEffort');
    expect(podQosClass([c(0.5, 0.5, 256, 256), c(0.1, 0.1, 64, 64)])).toBe('Guaranteed');
    expect(podQosClass([c(0.5, 0.5, 256, 256), c(undefined)])).toBe('Burstable');
    expect(podQosClass([c(0.1, 2)])).toBe('Burstable');
    expect(podQosClass([c(undefined, 1)])).toBe('Burstable'); // a limit alone, as the model passes it: request 0
  });

  it('is not BestEffort when a container requests or limits memory, whatever its CPU', () => {
    expect(podQosClass([c(undefined), c(undefined, Infinity, 64)])).toBe('Burstable');
    expect(podQosClass([c(undefined), c(undefined, Infinity, 0, 128)])).toBe('Burstable');
  });

  it('is Guaranteed only when the memory matches too: limits equal to requests in every container', () => {
    // CPU limits equal to their requests, but memory unset, or a memory limit above its request: Burstable.
    expect(podQosClass([c(0.5, 0.5), c(0.1, 0.1)])).toBe('Burstable');
    expect(podQosClass([c(0.5, 0.5, 256, 512), c(0.1, 0.1, 64, 64)])).toBe('Burstable');
    expect(podQosClass([c(0.5, 0.5, 256, 256), c(0.1, 0.1, 0, 64)])).toBe('Burstable');
    // Compared in whole bytes, as Kubernetes compares quantities: 1Gi = 1024Mi.
    expect(podQosClass([c(1, 1, 1024, 1024)])).toBe('Guaranteed');
  });
});

describe('kubeletCpuWeight and kernelCpuWeight', () => {
  it('the kubelet weighs its own cgroups linearly on cgroup v2, whatever the runtime; shares on v1', () => {
    expect(kubeletCpuWeight(1024, 'quadratic')).toBe(39);
    expect(kubeletCpuWeight(1024, 'linear')).toBe(39);
    expect(kubeletCpuWeight(1024, 'shares')).toBe(1024);
    expect(kubeletCpuWeight(2, 'quadratic')).toBe(1);
  });

  it('in-kernel work weighs the most its level can: 10,000 on v2, 262,144 shares on v1', () => {
    expect(kernelCpuWeight('quadratic')).toBe(10_000);
    expect(kernelCpuWeight('shares')).toBe(262_144);
  });
});

describe('arrangePodCgroups', () => {
  it('puts BestEffort pods together in one class of the smallest weight', () => {
    // 1 core: a Burstable pod requesting 500m (its class: 512 shares → 20) against two BestEffort pods (their class:
    // 2 shares → 1). Flattened by the containers' own weights the BestEffort ones would get 1/61 each, not 1/42.
    const cpu = cpuAfter(
      1,
      [
        ['burst', [[0.5, Infinity]]],
        ['be-1', [[undefined, Infinity]]],
        ['be-2', [[undefined, Infinity]]],
      ],
      100,
    );
    expect(cpu['burst/0']).toBeCloseTo((100 * 20) / 21, 9);
    expect(cpu['be-1/0']).toBeCloseTo(100 / 42, 9);
    expect(cpu['be-2/0']).toBeCloseTo(100 / 42, 9);
  });

  it('returns each pod with its class, its weight and its class’s weight', () => {
    const node = new NodeCpu(new Engine(), 'n', 2);
    const member = (
      name: string,
      requestCores: number | undefined,
      limitCores = Infinity,
      memoryMiB?: number,
    ): PodContainerCpu => ({
      container: node.container(name, limitCores, cpuWeightOfRequest(requestCores)),
      requestCores,
      limitCores,
      // Guaranteed needs the memory limit equal to its request as well.
      ...(memoryMiB !== undefined && { memory: { requestMiB: memoryMiB, limitMiB: memoryMiB } }),
    });
    const arranged = arrangePodCgroups(
      node,
      [
        { name: 'g', containers: [member('g/app', 0.5, 0.5, 256)] },
        { name: 'b', containers: [member('b/app', undefined), member('b/proxy', 0.1, 2)] },
        { name: 'e', containers: [member('e/app', undefined)] },
      ],
      'quadratic',
    );
    expect(arranged.map(({ name, qos, weight, classWeight }) => [name, qos, weight, classWeight])).toEqual([
      ['g', 'Guaranteed', 20, 20], // 512 shares, directly in kubepods
      ['b', 'Burstable', 4, 4], // 102 shares; the class holds only this pod
      ['e', 'BestEffort', 1, 1],
    ]);
  });

  it('weighs the Burstable class by all its pods’ requests: a busy pod gets an idle sibling’s share', () => {
    // 1 core: a Guaranteed pod of 500m (directly in kubepods: 20) against the Burstable class of two 500m pods (1024
    // shares → 39), one of them idle: the busy one gets 39/59, not the half its own request would give it.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const guaranteed = node.container('g', 0.5, cpuWeightOfRequest(0.5));
    const busy = node.container('b', Infinity, cpuWeightOfRequest(0.5));
    const idle = node.container('i', Infinity, cpuWeightOfRequest(0.5));
    arrangePodCgroups(
      node,
      [
        {
          name: 'g',
          containers: [
            {
              container: guaranteed,
              requestCores: 0.5,
              limitCores: 0.5,
              memory: { requestMiB: 256, limitMiB: 256 },
            },
          ],
        },
        { name: 'b', containers: [{ container: busy, requestCores: 0.5, limitCores: Infinity }] },
        { name: 'i', containers: [{ container: idle, requestCores: 0.5, limitCores: Infinity }] },
      ],
      'quadratic',
    );
    guaranteed.run(1000, () => undefined, null);
    busy.run(1000, () => undefined, null);
    engine.run({ untilMs: 50 });
    expect(busy.cpuMsAt(50)).toBeCloseTo((50 * 39) / 59, 9);
    expect(guaranteed.cpuMsAt(50)).toBeCloseTo((50 * 20) / 59, 9);
  });

  it("shares a pod's part between its containers by the runtime's weights (17 : 1 for Istio's sidecar and an app)", () => {
    // Two alike pods on 1 core: half each; within each, the sidecar (100m → 17) against the app (none → 1).
    const pod = (name: string): PodSpec => [
      name,
      [
        [undefined, Infinity],
        [0.1, 2],
      ],
    ];
    const cpu = cpuAfter(1, [pod('a'), pod('b')], 36);
    expect(cpu['a/0']).toBeCloseTo(1, 9);
    expect(cpu['a/1']).toBeCloseTo(17, 9);
    expect(cpu['b/1']).toBeCloseTo(17, 9);
    // Linear runtimes weigh the sidecar 4: it gets 4/5 of its pod's half.
    const linear = cpuAfter(1, [pod('a'), pod('b')], 10, 'linear');
    expect(linear['a/1']).toBeCloseTo(4, 9);
  });
});
