import {
  DEFAULT_CLUSTERS,
  DEFAULT_NETWORK,
  ENVOY_DEFAULT_BACKOFF,
  NO_POLICY,
  resolveMeshConfig,
} from '@meshsim/mesh';
import type { CallConfig, OpenTrafficConfig, ServiceConfig } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DEFAULTS } from '../src/defaults.js';
import { parseScenario, resolveScenario } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

const FULL = `
name: full-example
description: Every feature at once.
seed: 42
duration: 2m
mesh:
  shape: istio-sidecar
  loadBalancer: random
  endpointUpdateDelay: 500ms
  sidecar: { latency: 100us, workers: 4, cpuPerRequest: 0.3ms, memoryBase: 64Mi, memoryPerEndpoint: 3, cpuRequest: 250m, memoryRequest: 1Gi }
  defaultPolicy: { timeout: 15s }
network:
  sameNode: 0ms
  crossZone: { exponential: { mean: 1ms } }
clusters:
  - name: east
    region: us-east-1
    zones: [ { name: a, nodes: 2 }, { name: b, nodes: 3 } ]
    nodePools: [ { name: big, nodeCpu: 16, zones: [ { name: b, nodes: 1 } ] }, { name: same, shared: true, zones: [ { name: a, nodes: 1 } ] } ]
  - name: west
    vpc: vpc-west
    zones: [ { name: c, nodes: 1 } ]
services:
  frontend:
    namespace: shop
    replicas: 3
    concurrency: 64
    queue: unbounded
    queueDiscipline: lifo
    serviceTime: { lognormal: { median: 4ms, p99: 30ms } }
    errorRate: 0.001
    calls:
      - to: checkout
        timeout: 1s
        retry: { attempts: 3, perTryTimeout: 300ms, backoff: { base: 10ms, jitter: equal } }
      - parallel:
          - { to: payments, probability: 0.5, optional: true }
          - { to: inventory, perTryTimeout: 50ms }
  checkout:
    cluster: west
    replicas: 2
    concurrency: 16
    queue: 32
    proxyCpuLimit: 2500m
    proxyCpuRequest: 50m
    serviceTime: { exponential: { mean: 8ms } }
    calls: [ { to: payments, retry: { attempts: 2, retryOn: [connect-failure, reset] } } ]
  payments: { serviceTime: { uniform: { min: 1ms, max: 3ms } } }
  search: { serviceTime: 1, concurrency: 4, queue: 8, nodePool: big }
  inventory: { serviceTime: 2 }
traffic:
  - to: frontend
    rate: [ { at: 0s, rps: 800 }, { at: 30s, rps: "96000/m", ramp: true }, { at: 45s, rps: 800 } ]
    arrival: constant
    timeout: 3s
  - { name: batch, to: checkout, users: 10, thinkTime: { exponential: { mean: 1s } } }
faults:
  - { at: 30s, for: 20s, service: checkout, latency: +150ms }
  - { at: 40s, service: checkout, instances: 1, latency: x3 }
  - { at: 50s, for: 5s, service: inventory, latency: { exponential: { mean: 20ms } } }
  - { at: 60s, for: 10s, service: payments, errorRate: 0.5 }
  - { at: 70s, for: 20s, service: frontend, instances: 2, crash: true }
assumptions:
  - Payments is a stub.
`;

function call(service: ServiceConfig | undefined, stage: number, index = 0): CallConfig {
  const found = service?.calls[stage]?.[index];
  if (found === undefined) throw new Error(`no call ${stage}/${index}`);
  return found;
}

describe('parseScenario: a proxy without a CPU limit', () => {
  it("reads cpuLimit: unlimited as no limit (Istio's default 2-core limit removed)", () => {
    const config = parseScenario(
      'services: { a: { serviceTime: 1ms } }\ntraffic: [ { to: a, rate: 1 } ]\nmesh: { shape: istio-sidecar, sidecar: { cpuLimit: unlimited } }\n',
      'x.yaml',
    );
    expect(config.mesh.shape === 'istio-sidecar' && config.mesh.sidecar.cpuLimitCores).toBe(Infinity);
  });

  it("reads a service's proxyCpuLimit: unlimited as no limit for its sidecars", () => {
    const config = parseScenario(
      'services: { a: { serviceTime: 1ms, proxyCpuLimit: unlimited } }\ntraffic: [ { to: a, rate: 1 } ]\nmesh: istio-sidecar\n',
      'x.yaml',
    );
    expect(config.services[0]?.proxyCpuLimitCores).toBe(Infinity);
  });
});

describe('parseScenario: cpuWeights', () => {
  it('reads how nodes weigh CPU requests, and leaves it out when not written (quadratic, the default)', () => {
    const text = 'services: { a: { serviceTime: 1ms } }\ntraffic: [ { to: a, rate: 1 } ]\nnodeCpu: 2\n';
    expect(parseScenario(`${text}cpuWeights: shares\n`, 'x.yaml').cpuWeights).toBe('shares');
    expect(parseScenario(text, 'x.yaml').cpuWeights).toBeUndefined();
  });

  it('refuses another value, naming the field and the allowed ones', () => {
    expect(() =>
      parseScenario(
        'services: { a: { serviceTime: 1ms } }\ntraffic: [ { to: a, rate: 1 } ]\ncpuWeights: v1\n',
        'x.yaml',
      ),
    ).toThrow('x.yaml:3:1: cpuWeights: must be one of "quadratic", "linear", "shares" (got "v1")');
  });
});

describe('parseScenario: a full valid example', () => {
  const config = parseScenario(FULL, 'full.yaml');
  const [frontend, checkout, payments, , inventory] = config.services;

  it('resolves the top-level fields, converting units to milliseconds', () => {
    expect(config.name).toBe('full-example');
    expect(config.description).toBe('Every feature at once.');
    expect(config.seed).toBe(42);
    expect(config.durationMs).toBe(120_000);
    expect(config.assumptions).toEqual([
      'Payments is a stub.',
      'Concurrency 16 per instance is a default, not a measurement (services: payments, inventory).',
      'Queue capacity 128 per instance is a default, not a measurement (services: payments, inventory).',
      "All of a request's service time is CPU work on its node (serviceTimeCpu 1, a default, not a measurement: set a share below 1 for time spent waiting, e.g. on a database) — it competes for the node's cores and counts against CPU limits (services: frontend, checkout, payments, search, inventory).",
    ]);
  });

  it('applies mesh overrides on top of the shape defaults', () => {
    const sidecar = {
      latencyMs: { kind: 'constant', value: 0.1 },
      workers: 4,
      cpuMsPerRequest: 0.3,
      memoryBaseMiB: 64,
      memoryPerEndpointKiB: 3,
      cpuRequestCores: 0.25,
      memoryRequestMiB: 1024,
    } as const;
    const defaultPolicy = { ...NO_POLICY, timeoutMs: 15_000 };
    expect(config.mesh).toEqual(
      resolveMeshConfig({
        shape: 'istio-sidecar',
        loadBalancer: 'random',
        endpointUpdateDelayMs: 500,
        sidecar,
        defaultPolicy,
      }),
    );
    expect(config.mesh).toMatchObject({
      loadBalancer: 'random',
      endpointUpdateDelayMs: 500,
      sidecar,
      defaultPolicy,
    });
  });

  it('overrides network latencies (0ms allowed) and keeps the defaults of the others', () => {
    expect(config.network).toEqual({
      sameNodeMs: { kind: 'constant', value: 0 },
      sameZoneMs: DEFAULT_NETWORK.sameZoneMs,
      crossZoneMs: { kind: 'exponential', mean: 1 },
      crossClusterMs: DEFAULT_NETWORK.crossClusterMs,
    });
  });

  it('resolves clusters, defaulting region and vpc', () => {
    expect(config.clusters).toEqual([
      {
        name: 'east',
        region: 'us-east-1',
        vpc: 'vpc-1',
        zones: [
          { name: 'a', nodes: 2 },
          { name: 'b', nodes: 3 },
        ],
        nodePools: [
          { name: 'big', nodeCpu: 16, zones: [{ name: 'b', nodes: 1 }] },
          { name: 'same', shared: true, zones: [{ name: 'a', nodes: 1 }] },
        ],
      },
      { name: 'west', region: 'region-1', vpc: 'vpc-west', zones: [{ name: 'c', nodes: 1 }] },
    ]);
  });

  it('resolves services in file order, with defaults for omitted fields', () => {
    expect(config.services.map((s) => s.name)).toEqual([
      'frontend',
      'checkout',
      'payments',
      'search',
      'inventory',
    ]);
    expect(config.services.find((s) => s.name === 'search')?.nodePool).toBe('big');
    expect(payments?.nodePool).toBeUndefined();
    expect(frontend).toMatchObject({
      namespace: 'shop',
      cluster: 'east',
      replicas: 3,
      concurrency: 64,
      queueCapacity: Infinity,
      queueDiscipline: 'lifo',
      serviceTimeMs: { kind: 'lognormal', median: 4, p99: 30 },
      errorRate: 0.001,
    });
    expect(checkout).toMatchObject({
      cluster: 'west',
      queueCapacity: 32,
      proxyCpuLimitCores: 2.5,
      proxyCpuRequestCores: 0.05,
      serviceTimeMs: { kind: 'exponential', mean: 8 },
    });
    expect(payments).toMatchObject({
      namespace: 'default',
      cluster: 'east',
      replicas: 1,
      concurrency: SCENARIO_DEFAULTS.concurrency,
      queueCapacity: SCENARIO_DEFAULTS.queueCapacity,
      queueDiscipline: 'fifo',
      serviceTimeMs: { kind: 'uniform', min: 1, max: 3 },
      errorRate: 0,
      calls: [],
    });
    expect(payments?.proxyCpuLimitCores).toBeUndefined();
    expect(inventory?.serviceTimeMs).toEqual({ kind: 'constant', value: 2 });
  });

  it('turns each call into a stage and each parallel group into one stage of several calls', () => {
    expect(frontend?.calls.map((stage) => stage.map((c) => c.to))).toEqual([
      ['checkout'],
      ['payments', 'inventory'],
    ]);
  });

  it('resolves a call policy: retry.perTryTimeout, backoff max = 10 × base, retryOn default [5xx] (marked unwritten)', () => {
    expect(call(frontend, 0)).toEqual({
      to: 'checkout',
      probability: 1,
      optional: false,
      policySet: true,
      policy: {
        timeoutMs: 1000,
        perTryTimeoutMs: 300,
        retry: {
          maxAttempts: 3,
          retryOn: ['5xx'],
          backoff: { baseMs: 10, maxMs: 100, jitter: 'equal' },
          retryOnUnwritten: true,
        },
      },
    });
  });

  it('marks calls without timeout, perTryTimeout or retry as policySet: false with NO_POLICY', () => {
    expect(call(frontend, 1, 0)).toEqual({
      to: 'payments',
      probability: 0.5,
      optional: true,
      policySet: false,
      policy: NO_POLICY,
    });
  });

  it('marks a call with only a perTryTimeout as policySet: true, without retries', () => {
    const c = call(frontend, 1, 1);
    expect(c.policySet).toBe(true);
    expect(c.policy).toEqual({ timeoutMs: Infinity, perTryTimeoutMs: 50, retry: NO_POLICY.retry });
  });

  it("uses Envoy's backoff when retry has no backoff", () => {
    expect(call(checkout, 0).policy.retry).toEqual({
      maxAttempts: 2,
      retryOn: ['connect-failure', 'reset'],
      backoff: ENVOY_DEFAULT_BACKOFF,
    });
  });

  it('resolves a rate schedule: units converted, ramp: true ramps from the previous point', () => {
    const open = config.traffic[0] as OpenTrafficConfig;
    expect(open).toEqual({
      kind: 'open',
      name: 'client',
      to: 'frontend',
      arrival: 'constant',
      rate: [
        { atMs: 0, rps: 800, rampToNext: true },
        { atMs: 30_000, rps: 1600, rampToNext: false },
        { atMs: 45_000, rps: 800, rampToNext: false },
      ],
      policy: { ...NO_POLICY, timeoutMs: 3000, retryUnwritten: true },
    });
  });

  it('resolves closed-loop traffic', () => {
    expect(config.traffic[1]).toEqual({
      kind: 'closed',
      name: 'batch',
      to: 'checkout',
      users: 10,
      thinkTimeMs: { kind: 'exponential', mean: 1000 },
      policy: NO_POLICY,
    });
  });

  it('resolves faults of each kind; omitted for/instances mean forever/all', () => {
    expect(config.faults).toEqual([
      {
        atMs: 30_000,
        durationMs: 20_000,
        service: 'checkout',
        instances: Infinity,
        effect: { kind: 'latency', addMs: { kind: 'constant', value: 150 }, multiply: 1 },
      },
      {
        atMs: 40_000,
        durationMs: Infinity,
        service: 'checkout',
        instances: 1,
        effect: { kind: 'latency', addMs: null, multiply: 3 },
      },
      {
        atMs: 50_000,
        durationMs: 5000,
        service: 'inventory',
        instances: Infinity,
        effect: { kind: 'latency', addMs: { kind: 'exponential', mean: 20 }, multiply: 1 },
      },
      {
        atMs: 60_000,
        durationMs: 10_000,
        service: 'payments',
        instances: Infinity,
        effect: { kind: 'error', rate: 0.5 },
      },
      { atMs: 70_000, durationMs: 20_000, service: 'frontend', instances: 2, effect: { kind: 'crash' } },
    ]);
  });
});

describe('parseScenario: the CPU share of service time', () => {
  const cpuLine = (config: { assumptions: readonly string[] }): string | undefined =>
    config.assumptions.find((line) => line.startsWith("All of a request's service time is CPU work"));

  it('is labelled an assumption, naming the services that leave it at its default, when nodes have a size', () => {
    const raw = minimal();
    raw['nodeCpu'] = 2;
    (raw.services['backend'] as Record<string, unknown>)['serviceTimeCpu'] = 0.3;
    expect(cpuLine(resolveScenario(raw, 'x.yaml'))).toMatch(
      /serviceTimeCpu 1, a default.*\(services: frontend\)\.$/,
    );
  });

  it('is not mentioned without node sizes (it changes nothing then), nor when every service sets it', () => {
    expect(cpuLine(resolveScenario(minimal(), 'x.yaml'))).toBeUndefined();
    const raw = minimal();
    raw['nodeCpu'] = 2;
    for (const service of Object.values(raw.services)) service['serviceTimeCpu'] = 1;
    expect(cpuLine(resolveScenario(raw, 'x.yaml'))).toBeUndefined();
  });
});

describe('parseScenario: the default cluster', () => {
  it('is labelled an assumption when the scenario writes no clusters (per-node costs follow its size)', () => {
    expect(resolveScenario(minimal(), 'x.yaml').assumptions).toContain(
      'The cluster is the default one, 3 zones of 4 nodes (12 nodes), a default, not a measurement: what the mesh runs on every node (ztunnels, CNI agents, node proxies) and the DaemonSets cost in proportion to it (write clusters to set yours).',
    );
    const raw = minimal();
    raw['clusters'] = [{ name: 'mine', zones: [{ name: 'a', nodes: 2 }] }];
    expect(
      resolveScenario(raw, 'x.yaml').assumptions.some((line) =>
        line.startsWith('The cluster is the default'),
      ),
    ).toBe(false);
  });
});

describe('parseScenario: defaults', () => {
  it('a minimal scenario gets every default', () => {
    // Act
    const config = resolveScenario(minimal(), 'dir/my-app.yaml');
    // Assert
    expect(config.name).toBe('my-app');
    expect(config.description).toBe('');
    expect(config.seed).toBe(1);
    expect(config.durationMs).toBe(60_000);
    expect(config.mesh).toEqual(resolveMeshConfig({ shape: 'none' }));
    expect(config.network).toEqual(DEFAULT_NETWORK);
    expect(config.clusters).toEqual(DEFAULT_CLUSTERS);
    expect(config.services[0]?.cluster).toBe('cluster-1');
    expect(config.faults).toEqual([]);
    expect(config.traffic[0]).toEqual({
      kind: 'open',
      name: 'client',
      to: 'frontend',
      arrival: 'poisson',
      rate: [{ atMs: 0, rps: 100, rampToNext: false }],
      policy: NO_POLICY,
    });
  });

  it('a source with `from` runs in that service: policySet says whether it set a policy (else the mesh default)', () => {
    const unset = minimal();
    unset.services['loadgen'] = { serviceTime: '0ms' };
    unset.traffic[0] = { to: 'frontend', rate: 100, from: 'loadgen' };
    expect(resolveScenario(unset).traffic[0]).toMatchObject({
      from: 'loadgen',
      policySet: false,
      policy: NO_POLICY,
    });
    const set = minimal();
    set.services['loadgen'] = { serviceTime: '0ms' };
    set.traffic[0] = { to: 'frontend', rate: 100, from: 'loadgen', timeout: '1s' };
    expect(resolveScenario(set).traffic[0]).toMatchObject({
      from: 'loadgen',
      policySet: true,
      policy: { timeoutMs: 1000 },
    });
  });

  it('a mesh given as a shape name is that shape with its defaults', () => {
    const config = resolveScenario({ ...minimal(), mesh: 'library' });
    expect(config.mesh).toEqual(resolveMeshConfig({ shape: 'library' }));
  });

  it('backoff with only max takes base = min(25ms, max); with only base, max = 10 × base', () => {
    const input = minimal();
    input.services['frontend'] = {
      serviceTime: '1ms',
      calls: [
        { to: 'backend', retry: { attempts: 2, backoff: { max: '10ms' } } },
        { to: 'backend', retry: { attempts: 2, backoff: { base: '50ms' } } },
      ],
    };
    const [first, second] = resolveScenario(input).services[0]?.calls ?? [];
    expect(first?.[0]?.policy.retry.backoff).toEqual({ baseMs: 10, maxMs: 10, jitter: 'full' });
    expect(second?.[0]?.policy.retry.backoff).toEqual({ baseMs: 50, maxMs: 500, jitter: 'full' });
  });

  it('a closed-loop source without thinkTime thinks for 0 ms', () => {
    const config = resolveScenario({ ...minimal(), traffic: [{ to: 'frontend', users: 3 }] });
    expect(config.traffic[0]).toMatchObject({
      kind: 'closed',
      users: 3,
      thinkTimeMs: { kind: 'constant', value: 0 },
    });
  });

  it('a string seed is kept as a string', () => {
    expect(resolveScenario({ ...minimal(), seed: 'run-7' }).seed).toBe('run-7');
  });
});

describe('parseScenario: distributions', () => {
  it.each([
    ['5ms', { kind: 'constant', value: 5 }],
    [7, { kind: 'constant', value: 7 }],
    [{ constant: '1s' }, { kind: 'constant', value: 1000 }],
    [{ uniform: { min: '1ms', max: '3ms' } }, { kind: 'uniform', min: 1, max: 3 }],
    [{ exponential: { mean: '8ms' } }, { kind: 'exponential', mean: 8 }],
    [{ normal: { mean: '10ms', stdDev: '2ms' } }, { kind: 'normal', mean: 10, stdDev: 2 }],
    [{ lognormal: { median: '4ms', p99: '30ms' } }, { kind: 'lognormal', median: 4, p99: 30 }],
    [{ lognormal: { mu: 1.2, sigma: 0.5 } }, { kind: 'lognormal', mu: 1.2, sigma: 0.5 }],
    [{ gamma: { shape: 2, scale: '1.5ms' } }, { kind: 'gamma', shape: 2, scale: 1.5 }],
    [{ erlang: { k: 3, mean: '9ms' } }, { kind: 'erlang', k: 3, mean: 9 }],
    [{ pareto: { scale: '2ms', shape: 1.5 } }, { kind: 'pareto', scale: 2, shape: 1.5 }],
    [{ weibull: { scale: '5ms', shape: 0.8 } }, { kind: 'weibull', scale: 5, shape: 0.8 }],
    [{ empirical: { samples: ['1ms', 2, '3ms'] } }, { kind: 'empirical', samples: [1, 2, 3] }],
    [
      { empirical: { bins: [{ lower: '0ms', upper: '1ms', count: 3 }] } },
      { kind: 'empirical', bins: [{ lower: 0, upper: 1, count: 3 }] },
    ],
    [
      {
        mixture: [
          { weight: 0.9, dist: { exponential: { mean: '5ms' } } },
          { weight: 0.1, dist: '100ms' },
        ],
      },
      {
        kind: 'mixture',
        components: [
          { weight: 0.9, dist: { kind: 'exponential', mean: 5 } },
          { weight: 0.1, dist: { kind: 'constant', value: 100 } },
        ],
      },
    ],
  ])('serviceTime %j resolves to %j', (written, expected) => {
    const input = minimal();
    input.services['backend'] = { serviceTime: written };
    expect(resolveScenario(input).services[1]?.serviceTimeMs).toEqual(expected);
  });
});

describe('parseScenario: YAML and JSON', () => {
  it('accepts JSON text (with tabs) and gives the same config as the equivalent YAML', () => {
    // Arrange
    const json = JSON.stringify(minimal(), null, '\t');
    const yaml = `services:
  frontend: { serviceTime: 2ms, calls: [ { to: backend } ] }
  backend: { serviceTime: { exponential: { mean: 5ms } } }
traffic: [ { to: frontend, rate: 100 } ]
`;
    // Act
    const fromJson = parseScenario(json, 'x.json');
    const fromYaml = parseScenario(yaml, 'x.yaml');
    // Assert
    expect(fromJson).toEqual(fromYaml);
  });

  it('accepts a $schema key (for editors) and ignores it', () => {
    const config = parseScenario(JSON.stringify({ $schema: './schema.json', ...minimal() }), 'x.json');
    expect(config.services).toHaveLength(2);
  });

  it('supports YAML anchors and merge keys', () => {
    const yaml = `services:
  frontend: &base { serviceTime: 2ms, replicas: 3, calls: [ { to: backend } ] }
  backend: { <<: *base, calls: [] }
traffic: [ { to: frontend, rate: 100 } ]
`;
    const config = parseScenario(yaml, 'x.yaml');
    expect(config.services[1]).toMatchObject({ name: 'backend', replicas: 3, calls: [] });
  });
});

describe('parseScenario: waypoints', () => {
  it('takes a name as a shared waypoint, true as its own, and { name, replicas } as written', () => {
    const input = minimal();
    input['mesh'] = 'istio-ambient';
    input.services['frontend'] = { ...input.services['frontend'], waypoint: 'shop' };
    input.services['backend'] = { ...input.services['backend'], waypoint: { name: 'shop', replicas: 2 } };
    const config = resolveScenario(input);
    const waypointOf = (name: string): ServiceConfig['waypoint'] =>
      config.services.find((s) => s.name === name)?.waypoint;
    expect(waypointOf('frontend')).toEqual({ name: 'shop' });
    expect(waypointOf('backend')).toEqual({ name: 'shop', replicas: 2 });
    const own = minimal();
    own.services['backend'] = { ...own.services['backend'], waypoint: true };
    expect(resolveScenario(own).services.find((s) => s.name === 'backend')?.waypoint).toBe(true);
  });
});

describe('parseScenario: node memory and memory requests', () => {
  it('reads every Kubernetes memory suffix as Kubernetes does (4G is 4·10⁹ bytes, 4Gi 4·2³⁰), in every memory field', () => {
    const config = parseScenario(
      `
nodeMemory: 16G
mesh: { shape: istio-sidecar, sidecar: { memoryBase: 64M, memoryRequest: 1Ti } }
services:
  api: { serviceTime: 1ms, memoryRequest: 4G, memoryLimit: 4Gi, proxyMemoryLimit: 2000k }
traffic: [{ to: api, rate: 10 }]
`,
      'k8s-units.yaml',
    );
    expect(config.clusters[0]?.nodeMemoryMiB).toBe(16e9 / 2 ** 20);
    expect(config.services[0]).toMatchObject({
      memoryRequestMiB: 4e9 / 2 ** 20,
      memoryLimitMiB: 4096,
      proxyMemoryLimitMiB: 2e6 / 2 ** 20,
    });
    const mesh = config.mesh as unknown as { sidecar: { memoryBaseMiB: number; memoryRequestMiB: number } };
    expect(mesh.sidecar).toMatchObject({ memoryBaseMiB: 64e6 / 2 ** 20, memoryRequestMiB: 2 ** 20 });
  });

  it('reads nodeMemory (top level, cluster, pool) and the services’ memory fields in MiB', () => {
    const config = parseScenario(
      `
nodeMemory: 4Gi
nodeCpu: 2
clusters:
  - name: a
    zones: [{ name: z, nodes: 1 }]
    nodePools: [{ name: big, nodeMemory: 65536, zones: [{ name: z, nodes: 1 }] }]
  - name: b
    nodeMemory: 3500Mi
    zones: [{ name: y, nodes: 1 }]
services:
  api: { cluster: a, serviceTime: 1ms, memoryRequest: 256Mi, memoryLimit: 1Gi, proxyMemoryRequest: 64 }
traffic: [{ to: api, rate: 10 }]
`,
      'memory.yaml',
    );
    expect(config.clusters.map((c) => [c.name, c.nodeMemoryMiB, c.nodePools?.[0]?.nodeMemoryMiB])).toEqual([
      ['a', 4096, 65536],
      ['b', 3500, undefined],
    ]);
    expect(config.services[0]).toMatchObject({
      memoryRequestMiB: 256,
      memoryLimitMiB: 1024,
      proxyMemoryRequestMiB: 64,
    });
  });

  it('names the field of a bad memory size, and a top-level nodeMemory no cluster uses', () => {
    expect(() =>
      parseScenario(
        'services: { api: { serviceTime: 1ms, memoryRequest: lots } }\ntraffic: [{ to: api, rate: 1 }]',
        'bad.yaml',
      ),
    ).toThrow(/bad\.yaml:1:38: services\.api\.memoryRequest: /);
    expect(() =>
      parseScenario(
        'nodeMemory: 4Gi\nclusters: [{ name: a, nodeMemory: 8Gi, zones: [{ name: z, nodes: 1 }] }]\nservices: { api: { serviceTime: 1ms } }\ntraffic: [{ to: api, rate: 1 }]',
        'unused.yaml',
      ),
    ).toThrow('every cluster sets its own nodeMemory, so this one applies to no node');
  });
});

describe('parseScenario: DaemonSets besides the mesh', () => {
  const base = 'services: { api: { serviceTime: 1ms } }\ntraffic: [{ to: api, rate: 1 }]\n';

  it("gives the top-level daemonSets to every cluster without its own; a cluster's list replaces them, [] for none", () => {
    const config = parseScenario(
      `daemonSets:
  - { name: kube-proxy, cpuRequest: 100m }
  - { name: aws-node, cpuRequest: 25m, memoryRequest: 64Mi }
clusters:
  - { name: a, zones: [{ name: z, nodes: 1 }] }
  - { name: b, zones: [{ name: y, nodes: 1 }], daemonSets: [{ name: fluent-bit, memoryRequest: 200 }] }
  - { name: c, zones: [{ name: x, nodes: 1 }], daemonSets: [] }
${base}`,
      'daemonsets.yaml',
    );
    expect(config.clusters.map((c) => c.daemonSets)).toEqual([
      [
        { name: 'kube-proxy', cpuRequestCores: 0.1 },
        { name: 'aws-node', cpuRequestCores: 0.025, memoryRequestMiB: 64 },
      ],
      [{ name: 'fluent-bit', memoryRequestMiB: 200 }],
      undefined,
    ]);
    // Without clusters, the default cluster gets them.
    const plain = parseScenario(
      `daemonSets: [{ name: kube-proxy, cpuRequest: 100m }]\n${base}`,
      'default.yaml',
    );
    expect(plain.clusters[0]?.daemonSets).toEqual([{ name: 'kube-proxy', cpuRequestCores: 0.1 }]);
  });

  it('names a DaemonSet twice, a bad request, a missing name, and top-level ones no cluster uses', () => {
    expect(() =>
      parseScenario(`daemonSets: [{ name: kube-proxy }, { name: kube-proxy }]\n${base}`, 'twice.yaml'),
    ).toThrow('twice.yaml:1:38: daemonSets[1].name: duplicate DaemonSet name "kube-proxy"');
    expect(() =>
      parseScenario(`daemonSets: [{ name: kube-proxy, cpuRequest: lots }]\n${base}`, 'bad.yaml'),
    ).toThrow(/bad\.yaml:1:34: daemonSets\[0\]\.cpuRequest: /);
    expect(() => parseScenario(`daemonSets: [{ cpuRequest: 100m }]\n${base}`, 'nameless.yaml')).toThrow(
      /nameless\.yaml:1:14: daemonSets\[0\]\.name: /,
    );
    expect(() =>
      parseScenario(
        `daemonSets: [{ name: kube-proxy }]\nclusters: [{ name: a, daemonSets: [], zones: [{ name: z, nodes: 1 }] }]\n${base}`,
        'unused.yaml',
      ),
    ).toThrow('every cluster sets its own daemonSets, so this one applies to no node');
  });
});
