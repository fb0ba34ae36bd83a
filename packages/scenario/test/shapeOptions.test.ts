// A registered shape's own mesh options (MeshShape.options): a scenario file and a --set may write them under `mesh`,
// each checked by the shape's own check (naming the field), and they reach the shape's resolve; a key no shape owns
// stays an unknown field. The built-in options a shape declares it reads (usesOptions) are not warned of as unused,
// and the "used by" list of that warning comes from the shapes' declarations.

import {
  NO_POLICY,
  SidecarDataPlane,
  registerMeshShape,
  resolveMeshConfig,
  resolveShared,
  sidecarPodRequests,
  staticWarnings,
  unregisterMeshShape,
  withOverrides,
} from '@meshsim/mesh';
import type { MeshConfigBase, MeshShape, ProxyProfile, SidecarMesh } from '@meshsim/mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ScenarioError, parseScenario } from '../src/index.js';

/** Kuma's own options: its data plane's workers. */
interface KumaDpOptions {
  readonly workers?: number;
}

interface KumaConfig extends MeshConfigBase {
  readonly shape: 'test-kuma';
  /** The sidecar profile, from the shared `mesh.sidecar` override, stored under a key of its own. */
  readonly kumaSidecar: ProxyProfile;
}

const SIDECAR: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.2 },
  workers: 2,
  cpuMsPerRequest: 0.1,
  memoryBaseMiB: 40,
  memoryPerEndpointKiB: 1,
  tlsHandshakeCpuMs: 0.5,
};

const SIDECAR_MESH: SidecarMesh<KumaConfig> = {
  kind: 'test-kuma-dp',
  container: 'kuma-sidecar',
  stream: 'proxy/test-kuma',
  enforcer: 'l7-proxy',
  endpointScope: 'all',
  profile: (mesh) => mesh.kumaSidecar,
  adjustPolicy: (policy) => policy,
  configWarnings: () => {},
};

const KUMA: MeshShape<KumaConfig> = {
  name: 'test-kuma',
  summary: 'a Kuma-like test shape with an option of its own',
  capabilityRow: { client: '`l7-proxy`', server: '`l7-proxy`' },
  usesOptions: ['sidecar'],
  options: {
    kumaDp: {
      description: "Kuma's data plane: { workers }.",
      check: (value, path) => {
        const workers = (value as KumaDpOptions | null)?.workers;
        if (typeof value !== 'object' || value === null)
          throw new TypeError(`${path} must be an object { workers }`);
        if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
          throw new RangeError(`${path}.workers must be an integer >= 1 (got ${String(workers)})`);
        }
      },
    },
  },
  resolve: (options) => {
    const kumaDp = (options as { kumaDp?: KumaDpOptions }).kumaDp;
    const sidecar = withOverrides(SIDECAR, options.sidecar);
    return {
      ...resolveShared('test-kuma', options, {
        loadBalancer: 'round-robin',
        defaultPolicy: NO_POLICY,
        mtls: true,
      }),
      kumaSidecar: kumaDp?.workers === undefined ? sidecar : { ...sidecar, workers: kumaDp.workers },
    };
  },
  assumptions: () => [],
  podRequests: (config, scenario) => sidecarPodRequests(config.kumaSidecar, scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(SIDECAR_MESH, context, config),
};

const scenario = (mesh: string): string => `
name: kuma-options
duration: 1s
mesh: ${mesh}
services:
  web: { replicas: 1, serviceTime: 2ms }
traffic: [ { to: web, rate: 10 } ]
`;

/** The problems of parsing `text` (it must fail). */
function problems(text: string): string {
  try {
    parseScenario(text, 'kuma.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('parseScenario did not throw');
}

describe("a registered shape's own mesh options", () => {
  beforeAll(() => registerMeshShape(KUMA));
  afterAll(() => unregisterMeshShape('test-kuma'));

  it('are accepted in a scenario file and reach its resolve', () => {
    const config = parseScenario(scenario('{ shape: test-kuma, kumaDp: { workers: 4 } }'), 'kuma.yaml');
    expect((config.mesh as unknown as KumaConfig).kumaSidecar.workers).toBe(4);
  });

  it("are checked by the shape's check, naming the field; a key no shape owns is an unknown field", () => {
    expect(problems(scenario('{ shape: test-kuma, kumaDp: { workers: 0 } }'))).toContain(
      'kuma.yaml:4:37: mesh.kumaDp.workers: must be an integer >= 1 (got 0)',
    );
    expect(problems(scenario('{ shape: test-kuma, kumaXp: { workers: 2 } }'))).toContain('unknown field');
  });

  it('are checked in code too (resolveMeshConfig)', () => {
    expect(() => resolveMeshConfig({ shape: 'test-kuma', kumaDp: { workers: 1.5 } } as never)).toThrow(
      'mesh.kumaDp.workers must be an integer >= 1 (got 1.5)',
    );
  });

  it('are kept under another shape, with a warning naming the shape that uses them', () => {
    const config = parseScenario(scenario('{ shape: linkerd, kumaDp: { workers: 4 } }'), 'kuma.yaml');
    expect(staticWarnings(config).map((warning) => warning.message)).toContain(
      'mesh shape linkerd does not use mesh.kumaDp (used by test-kuma): kept for switching shapes (--mesh, ' +
        'compare), not applied in this run',
    );
  });

  it('a built-in option the shape declares it reads (mesh.sidecar) is not warned of as unused', () => {
    const config = parseScenario(scenario('{ shape: test-kuma, sidecar: { workers: 3 } }'), 'kuma.yaml');
    expect((config.mesh as unknown as KumaConfig).kumaSidecar.workers).toBe(3);
    expect(
      staticWarnings(config)
        .map((warning) => warning.message)
        .join('\n'),
    ).not.toContain('does not use');
    const linkerd = parseScenario(scenario('{ shape: linkerd, sidecar: { workers: 3 } }'), 'kuma.yaml');
    expect(
      staticWarnings(linkerd)
        .map((warning) => warning.message)
        .join('\n'),
    ).toContain(
      'mesh shape linkerd does not use mesh.sidecar (used by istio-sidecar, app-mesh, consul, test-kuma)',
    );
  });
});
