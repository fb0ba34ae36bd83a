// One home per mesh shape: a shape registered in this test alone — with the public building blocks —
// is accepted by the scenario schema, listed by the CLI, run by `compare`, and named in the capability
// matrix; before it is registered, and after it is removed, every one of them refuses it. A sidecar-shaped one,
// a SidecarMesh run by the exported SidecarDataPlane, runs with a sidecar per instance.

import {
  DataPlaneBase,
  NO_POLICY,
  SidecarDataPlane,
  capabilityRows,
  perNodeProxies,
  proxyStation,
  registerMeshShape,
  resolveShared,
  sidecarPodRequests,
  simulate,
  unregisterMeshShape,
} from '@meshsim/mesh';
import type {
  CallPolicy,
  CallerRef,
  DataPlaneContext,
  EnforcerKind,
  Instance,
  MeshConfigBase,
  MeshShape,
  Proxy,
  ProxyGroup,
  ProxyProfile,
  SidecarMesh,
  Station,
} from '@meshsim/mesh';
import { ScenarioError, parseScenario } from '@meshsim/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';

/** The test shape's config: the shared fields plus its gateway's profile. */
interface GatewayMeshConfig extends MeshConfigBase {
  readonly shape: 'test-gateway';
  readonly gateway: ProxyProfile;
}

const GATEWAY_PROFILE: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.1 },
  workers: 2,
  cpuMsPerRequest: 0.05,
  memoryBaseMiB: 20,
  memoryPerEndpointKiB: 0,
};

/** Every call passes a gateway proxy on the callee's node. */
class GatewayDataPlane extends DataPlaneBase {
  readonly shape = 'test-gateway';
  private readonly gateways: Proxy[];

  constructor(context: DataPlaneContext, mesh: GatewayMeshConfig) {
    super(context, mesh);
    this.gateways = perNodeProxies(context, {
      kind: 'test-gateway',
      suffix: 'gateway',
      profile: mesh.gateway,
      stream: 'proxy/test-gateway',
      role: 'node-proxy',
    });
  }

  protected buildRoute(caller: CallerRef, target: Instance): Station<Proxy>[] {
    return [
      { kind: 'network', from: caller.node, to: target.node },
      proxyStation(this.gateways[target.node.id] as Proxy, target),
    ];
  }

  protected proxyGroups(): readonly ProxyGroup[] {
    return [{ kind: 'test-gateway', proxies: this.gateways, endpointsOf: () => 0 }];
  }

  effectivePolicy(_caller: CallerRef, policy: CallPolicy, policySet: boolean): CallPolicy {
    return policySet ? policy : NO_POLICY;
  }

  clientEnforcer(caller: CallerRef): EnforcerKind {
    return caller.instanceId >= 0 ? 'l7-proxy' : 'library';
  }

  serverEnforcer(): EnforcerKind {
    return 'l7-proxy';
  }

  proxies(): readonly Proxy[] {
    return this.gateways;
  }
}

const GATEWAY_SHAPE: MeshShape<GatewayMeshConfig> = {
  name: 'test-gateway',
  summary: 'a test shape: one gateway proxy per node in front of every instance',
  capabilityRow: { client: '`l7-proxy` (the node gateway)', server: '`l7-proxy`' },
  resolve: (options) => ({
    ...resolveShared('test-gateway', options, {
      loadBalancer: 'round-robin',
      defaultPolicy: NO_POLICY,
      mtls: true,
    }),
    gateway: GATEWAY_PROFILE,
  }),
  assumptions: () => ['test-gateway: every figure of this shape is made up for a test.'],
  createDataPlane: (context, config) => new GatewayDataPlane(context, config),
};

const SCENARIO = `
name: gateway-test
duration: 2s
mesh: test-gateway
services:
  frontend: { replicas: 2, serviceTime: 2ms, calls: [ { to: backend } ] }
  backend: { replicas: 2, serviceTime: 3ms }
traffic: [ { to: frontend, rate: 200 } ]
`;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('a mesh shape registered at run time', () => {
  it('is refused everywhere before it is registered', async () => {
    expect(() => parseScenario(SCENARIO, 'gateway.yaml')).toThrow(ScenarioError);
    expect((await cli('compare', 'steady-3tier', '--mesh', 'test-gateway')).code).toBe(2);
    expect((await cli('list', '--shapes')).out).not.toContain('test-gateway');
    expect(capabilityRows().map((row) => row.shape)).not.toContain('test-gateway');
  });

  describe('once registered', () => {
    beforeAll(() => registerMeshShape(GATEWAY_SHAPE));
    afterAll(() => unregisterMeshShape('test-gateway'));

    it('is accepted by the scenario schema and resolved through the registry', () => {
      const config = parseScenario(SCENARIO, 'gateway.yaml');
      expect(config.mesh.shape).toBe('test-gateway');
      expect((config.mesh as unknown as GatewayMeshConfig).gateway).toEqual(GATEWAY_PROFILE);
    });

    it('is listed by the CLI: `list --shapes` and the shape list of `compare --help`', async () => {
      const list = await cli('list', '--shapes');
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/^test-gateway +a test shape: one gateway proxy per node/m);
      expect((await cli('compare', '--help')).out).toContain('test-gateway');
    });

    it('is run by `compare` beside a built-in shape, with its proxies counted', async () => {
      const compared = await cli(
        'compare',
        'steady-3tier',
        '--mesh',
        'none,test-gateway',
        '--duration',
        '2s',
        '--json',
        '--no-progress',
      );
      expect(compared.code).toBe(0);
      const doc = JSON.parse(compared.out) as { shapes: { shape: string; proxies: number }[] };
      expect(doc.shapes.map((shape) => shape.shape)).toEqual(['none', 'test-gateway']);
      expect(doc.shapes[1]?.proxies).toBeGreaterThan(0);
    });

    it('on worker threads, fails saying plainly that it was registered in the main thread only (no --set named)', async () => {
      const pooled = await cli('compare', 'steady-3tier', '--mesh', 'none,test-gateway', '--workers', '1');
      expect(pooled.code).toBe(1);
      expect(pooled.err).toContain(
        'meshsim: error: mesh shape "test-gateway" was registered with registerMeshShape in the main thread only',
      );
      expect(pooled.err).toContain('--shape-module FILE');
      expect(pooled.err).not.toContain('--set');
    });

    it('is named in the capability matrix', () => {
      expect(capabilityRows()).toContainEqual({
        shape: 'test-gateway',
        client: '`l7-proxy` (the node gateway)',
        server: '`l7-proxy`',
      });
    });

    it('refuses a second shape of the same name', () => {
      expect(() => registerMeshShape(GATEWAY_SHAPE)).toThrow(/already registered/);
    });
  });

  it('is refused again once removed; built-in shapes cannot be removed', () => {
    expect(() => parseScenario(SCENARIO, 'gateway.yaml')).toThrow(ScenarioError);
    expect(unregisterMeshShape('istio-sidecar')).toBe(false);
  });
});

/** A sidecar-shaped test mesh: what the built-in sidecar shapes are made of, from the public barrel alone. */
interface TestSidecarMeshConfig extends MeshConfigBase {
  readonly shape: 'test-sidecar';
  readonly sidecar: ProxyProfile;
}

const TEST_SIDECAR: SidecarMesh<TestSidecarMeshConfig> = {
  kind: 'test-sidecar',
  container: 'test-proxy',
  stream: 'proxy/test-sidecar',
  enforcer: 'l7-proxy',
  endpointScope: 'all',
  profile: (mesh) => mesh.sidecar,
  adjustPolicy: (policy) => policy,
  configWarnings: () => {},
};

const TEST_SIDECAR_SHAPE: MeshShape<TestSidecarMeshConfig> = {
  name: 'test-sidecar',
  summary: 'a test shape: a sidecar in every pod (SidecarDataPlane)',
  capabilityRow: { client: '`l7-proxy`', server: '`l7-proxy`' },
  resolve: (options) => ({
    ...resolveShared('test-sidecar', options, {
      loadBalancer: 'round-robin',
      defaultPolicy: NO_POLICY,
      mtls: true,
    }),
    sidecar: GATEWAY_PROFILE,
  }),
  assumptions: () => ['test-sidecar: every figure of this shape is made up for a test.'],
  podRequests: (config, scenario) => sidecarPodRequests(config.sidecar, scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(TEST_SIDECAR, context, config),
};

describe('a sidecar-shaped mesh registered at run time (SidecarMesh and SidecarDataPlane)', () => {
  beforeAll(() => registerMeshShape(TEST_SIDECAR_SHAPE));
  afterAll(() => unregisterMeshShape('test-sidecar'));

  it('runs with a sidecar per instance', () => {
    const result = simulate(
      parseScenario(SCENARIO.replace('mesh: test-gateway', 'mesh: test-sidecar'), 'sidecar.yaml'),
    );
    expect(result.conservation.holds).toBe(true);
    expect(result.proxies.byKind.map(({ kind, count }) => ({ kind, count }))).toEqual([
      { kind: 'test-sidecar', count: 4 },
    ]);
  });
});
