// The assumptions and the proxy profiles of a resolved mesh: the profile fields a scenario set are listed with their
// values, and a shape's published (or assumed) source is given only for the figures its own profile still gave.

import { describe, expect, it } from 'vitest';

import { meshProfiles, resolveMeshConfig, shapeAssumptions } from '../../src/index.js';
import type { MeshOptions, ProxyProfile } from '../../src/index.js';

/** The user's profile of the brief: `sidecar: { latency: 1ms, cpuPerRequest: 0.5ms, memoryBase: 80Mi }`. */
const USER_SIDECAR: Partial<ProxyProfile> = {
  latencyMs: { kind: 'constant', value: 1 },
  cpuMsPerRequest: 0.5,
  memoryBaseMiB: 80,
};

const notesOf = (options: MeshOptions): string[] => shapeAssumptions(resolveMeshConfig(options));
const joined = (options: MeshOptions): string => notesOf(options).join('\n');

describe('shapeAssumptions: the profile fields the scenario set', () => {
  it('lists the written fields of a profile in the scenario names, with the values and units that ran', () => {
    expect(notesOf({ shape: 'istio-sidecar', sidecar: USER_SIDECAR })[0]).toBe(
      'sidecar: latency, cpuPerRequest, memoryBase set by the scenario (1 ms, 0.5 ms, 80 MiB).',
    );
    const shop = notesOf({
      shape: 'istio-sidecar',
      sidecar: {
        latencyMs: { kind: 'lognormal', median: 0.45, p99: 2.1 },
        workers: Infinity,
        memoryPerEndpointKiB: 2,
        cpuLimitCores: 0.5,
      },
    });
    expect(shop[0]).toBe(
      'sidecar: latency, workers, memoryPerEndpoint, cpuLimit set by the scenario (lognormal(median 0.45, p99 2.1) ms, unlimited, 2 KiB, 0.5 cores).',
    );
  });

  it('says nothing of the scenario when it set no field (a field given undefined sets nothing)', () => {
    const published = notesOf({ shape: 'istio-sidecar' });
    expect(notesOf({ shape: 'istio-sidecar', sidecar: {} })).toEqual(published);
    // Typed code cannot write undefined (exactOptionalPropertyTypes); JavaScript can.
    const undefinedField = { cpuMsPerRequest: undefined } as unknown as Partial<ProxyProfile>;
    expect(notesOf({ shape: 'istio-sidecar', sidecar: undefinedField })).toEqual(published);
    expect(published.some((note) => note.includes('set by the scenario'))).toBe(false);
    expect(published).toContain(
      'istio-sidecar 1.20–1.24: latency from the 1.20 page, CPU and memory from the 1.24 page (1.22/1.24 latency is published as charts only).',
    );
  });
});

describe('shapeAssumptions: published sources only for the fields the shape gave', () => {
  it('istio-sidecar: no page is the source of the latency, CPU or memory the scenario set', () => {
    const text = joined({ shape: 'istio-sidecar', sidecar: USER_SIDECAR });
    expect(text).not.toContain('1.20 page');
    expect(text).not.toContain('1.24 page');
    expect(text).not.toContain('fitted to');
    expect(text).toContain(
      "istio-sidecar: the sidecar's other fields are from the Envoy sidecar profile of Istio 1.20-1.24 (istioVersion 1.24).",
    );
    // Memory per endpoint is still Envoy's measured figure.
    expect(text).toContain('1,380 bytes, measured per host on plain Envoy');
  });

  it('istio-sidecar: a page stays the source of the fields the scenario left, and only of them', () => {
    const notes = notesOf({
      shape: 'istio-sidecar',
      sidecar: { latencyMs: { kind: 'constant', value: 1 }, cpuMsPerRequest: 0.5 },
    });
    expect(notes).toContain('istio-sidecar 1.20–1.24: memory from the 1.24 page.');
    expect(notes.join('\n')).not.toMatch(/latency from|fitted to|CPU (and memory )?from/);
    const cpuOnly = notesOf({ shape: 'istio-sidecar', sidecar: { cpuMsPerRequest: 0.5 } });
    expect(cpuOnly).toContain(
      "istio-sidecar: the sidecar's other fields are from the Envoy sidecar profile of Istio 1.20-1.24 (istioVersion 1.24), its latency fitted to the Istio performance page's two-proxy added latency at 1000 rps, 1 KB, 2 workers; other loads are extrapolations.",
    );
    expect(cpuOnly).toContain(
      'istio-sidecar 1.20–1.24: latency from the 1.20 page, memory from the 1.24 page (1.22/1.24 latency is published as charts only).',
    );
    const endpoints = joined({ shape: 'istio-sidecar', sidecar: { memoryPerEndpointKiB: 2 } });
    expect(endpoints).not.toContain('1,380 bytes');
    expect(endpoints).toContain('every sidecar holds every endpoint of the mesh');
  });

  it('istio-sidecar 1.4: the assumed p99 is not printed when the scenario sets the latency', () => {
    expect(joined({ shape: 'istio-sidecar', istioVersion: '1.4' })).toContain('6.57 ms');
    const set = { shape: 'istio-sidecar', istioVersion: '1.4', sidecar: USER_SIDECAR } as const;
    expect(joined(set)).not.toContain('6.57 ms');
  });

  it('a profile whose every field the scenario set has no source line', () => {
    const whole: Required<ProxyProfile> = {
      latencyMs: { kind: 'constant', value: 1 },
      workers: 4,
      cpuMsPerRequest: 0.5,
      cpuMsPerKiB: 0,
      memoryBaseMiB: 80,
      memoryPerEndpointKiB: 1,
      memoryPerConnectionKiB: 0,
      cpuLimitCores: 2,
      cpuRequestCores: 0.1,
      memoryRequestMiB: 128,
      memoryLimitMiB: 256,
      tlsHandshakeCpuMs: 0.6,
    };
    expect(joined({ shape: 'istio-sidecar', sidecar: whole })).not.toMatch(/other fields|profile of Istio/);
    expect(joined({ shape: 'consul', sidecar: whole })).not.toContain('Istio 1.20–1.24 Envoy profile');
  });

  it("app-mesh: the recommended 64 MiB is not its memory when the scenario's 80 MiB ran", () => {
    const published = joined({ shape: 'app-mesh' });
    expect(published).toContain(
      'the Envoy sidecar uses the Istio 1.9–1.16 latency and CPU (Envoy 1.18 era) and the recommended 64 MiB as its memory (assumptions)',
    );
    const text = joined({ shape: 'app-mesh', sidecar: USER_SIDECAR });
    expect(text).toContain(
      'sidecar: latency, cpuPerRequest, memoryBase set by the scenario (1 ms, 0.5 ms, 80 MiB).',
    );
    expect(text).not.toContain('64 MiB');
    expect(text).not.toContain('Istio 1.9–1.16');
    expect(text).toContain('app-mesh: AWS recommends reserving 512 CPU units per Envoy.');
    expect(joined({ shape: 'app-mesh', sidecar: { memoryBaseMiB: 80 } })).toContain(
      'app-mesh: no App Mesh latency figure exists; the Envoy sidecar uses the Istio 1.9–1.16 latency and CPU (Envoy 1.18 era) (assumptions).',
    );
  });

  it('consul: the borrowed Istio profile is named as the source of the other fields only', () => {
    expect(joined({ shape: 'consul' })).toContain(
      'consul: no Consul data-plane figure exists; its Envoy sidecar uses the Istio 1.20–1.24 Envoy profile (assumption).',
    );
    const text = joined({ shape: 'consul', sidecar: USER_SIDECAR });
    expect(text).not.toContain('uses the Istio 1.20–1.24 Envoy profile');
    expect(text).toContain(
      "consul: no Consul data-plane figure exists; its Envoy sidecar's other fields are the Istio 1.20–1.24 Envoy profile's (assumption).",
    );
  });

  it('linkerd: the Buoyant ratios only for the latency and CPU the derived profile gave', () => {
    const text = joined({ shape: 'linkerd', linkerdProxy: { latencyMs: { kind: 'constant', value: 1 } } });
    expect(text).toContain('linkerdProxy: latency set by the scenario (1 ms).');
    expect(text).toContain('CPU is the Istio 1.20-1.24 sidecar');
    expect(text).not.toMatch(/latency ×/);
    const memory = joined({ shape: 'linkerd', linkerdProxy: { memoryBaseMiB: 10, workers: 2 } });
    expect(memory).not.toContain('proxy memory');
    expect(memory).toContain('linkerd: 1 KiB per discovered endpoint is an assumption.');
    expect(memory).not.toContain('worker thread');
  });

  it('istio-ambient: the ztunnel and waypoint figures of the pages only where their profiles gave them', () => {
    const text = joined({
      shape: 'istio-ambient',
      ztunnel: { latencyMs: { kind: 'constant', value: 0.1 } },
      waypoint: { cpuMsPerRequest: 1, memoryBaseMiB: 30 },
    });
    expect(text).toContain('ztunnel: latency set by the scenario (0.1 ms).');
    expect(text).toContain('waypoint: cpuPerRequest, memoryBase set by the scenario (1 ms, 30 MiB).');
    expect(text).not.toContain('1.22 page');
    expect(text).toContain(
      'istio-ambient: ztunnel CPU 0.06 vCPU per 1000 rps and memory 12 MB per ztunnel (measured at 1000 rps, not scaled with load) from the 1.24 page',
    );
    expect(text).not.toMatch(/0\.25 vCPU|60 MB/);
  });

  it('istio-ambient: callers are said to pick among the Ready waypoint replicas (a NotReady one leaves the choice)', () => {
    const text = joined({ shape: 'istio-ambient' });
    expect(text).toContain('callers pick among its Ready replicas round robin, once per call');
    expect(text).toContain('after Kubernetes marks its pod NotReady');
    expect(text).not.toContain('callers pick its replicas round robin');
  });

  it('memory is said to be per proxy, measured at 1000 rps, as the model keeps it whatever the load (never "MB per 1000 rps")', () => {
    const ambient = joined({ shape: 'istio-ambient' });
    expect(ambient).toContain('memory 12 MB per ztunnel (measured at 1000 rps, not scaled with load)');
    expect(ambient).toContain(
      'waypoint CPU 0.25 vCPU per 1000 rps and memory 60 MB per waypoint replica (measured at 1000 rps, not scaled with load)',
    );
    const cilium = joined({ shape: 'cilium' });
    expect(cilium).toContain('60 MB per node Envoy as measured at 1000 rps and not scaled with load');
    for (const shape of [
      'istio-sidecar',
      'istio-ambient',
      'linkerd',
      'cilium',
      'app-mesh',
      'consul',
      'layered',
    ]) {
      expect(joined({ shape }), shape).not.toMatch(/MB per 1,?000 rps/);
    }
  });

  it('cilium and vpc-lattice: an assumed figure the scenario replaced is said not to hold', () => {
    expect(joined({ shape: 'cilium', ebpf: { workers: 4 } })).toContain(
      'with no queueing (assumption: Cilium only states that 1-process TCP_RR is "almost the same as the baseline") — not its workers: the scenario sets it;',
    );
    const lattice = joined({ shape: 'vpc-lattice', lattice: { latencyMs: { kind: 'constant', value: 3 } } });
    expect(lattice).toContain('lattice: latency set by the scenario (3 ms).');
    expect(lattice).not.toContain('median 2 ms');
    expect(lattice).toContain(
      'vpc-lattice: the managed hop has no queueing and no throughput quota (quotas not found).',
    );
  });

  it('layered: the written fields of its in-cluster shape and of its Lattice hop, each once', () => {
    const notes = notesOf({
      shape: 'layered',
      ztunnel: { cpuMsPerRequest: 0.1 },
      lattice: { latencyMs: { kind: 'constant', value: 3 } },
    });
    expect(notes.filter((note) => note.includes('set by the scenario'))).toEqual([
      'ztunnel: cpuPerRequest set by the scenario (0.1 ms).',
      'lattice: latency set by the scenario (3 ms).',
    ]);
  });
});

describe('meshProfiles', () => {
  it('gives each profile of the shape the options can override, its kind, the profile that runs and the written fields', () => {
    const [sidecar, ...rest] = meshProfiles(
      resolveMeshConfig({ shape: 'istio-sidecar', sidecar: USER_SIDECAR }),
    );
    expect(rest).toEqual([]);
    expect(sidecar?.name).toBe('sidecar');
    expect(sidecar?.kind).toBe('envoy-sidecar');
    expect(sidecar?.written).toEqual(['latencyMs', 'cpuMsPerRequest', 'memoryBaseMiB']);
    expect(sidecar?.profile.memoryBaseMiB).toBe(80);
    const names = (options: MeshOptions): string[] =>
      meshProfiles(resolveMeshConfig(options)).map((p) => `${p.name}/${p.kind}`);
    expect(names({ shape: 'none' })).toEqual([]);
    expect(names({ shape: 'library' })).toEqual([]);
    expect(names({ shape: 'app-mesh' })).toEqual(['sidecar/app-mesh-envoy']);
    expect(names({ shape: 'consul' })).toEqual(['sidecar/consul-envoy']);
    expect(names({ shape: 'linkerd' })).toEqual(['linkerdProxy/linkerd2-proxy']);
    expect(names({ shape: 'istio-ambient' })).toEqual(['ztunnel/ztunnel', 'waypoint/waypoint']);
    expect(names({ shape: 'cilium' })).toEqual(['ebpf/cilium-ebpf', 'nodeProxy/cilium-envoy']);
    expect(names({ shape: 'vpc-lattice' })).toEqual(['lattice/vpc-lattice']);
    expect(names({ shape: 'layered' })).toEqual([
      'ztunnel/ztunnel',
      'waypoint/waypoint',
      'lattice/vpc-lattice',
    ]);
    expect(names({ shape: 'layered', crossCluster: 'none' })).toEqual([
      'ztunnel/ztunnel',
      'waypoint/waypoint',
    ]);
    expect(names({ shape: 'layered', inCluster: 'vpc-lattice' })).toEqual(['lattice/vpc-lattice']);
  });
});
