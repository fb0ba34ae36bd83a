// @ts-check
// A mesh shape of your own, as a module: importing it registers `kuma`, a Kuma-like mesh (an Envoy sidecar, kuma-dp,
// in every pod). Load it with `meshsim … --shape-module examples/custom-shape/kuma.mjs`, or loadShapeModule() in a
// script. Every figure is an assumption for the example: Istio's Envoy sidecar profile, since both run Envoy.
// Guide: docs/mesh-shapes/custom-shape.md.

import {
  CAPABILITIES,
  NO_POLICY,
  SidecarDataPlane,
  declaredEnforcerKind,
  registerMeshShape,
  resolveMeshConfig,
  resolveShared,
  sidecarPodRequests,
  withOverrides,
} from 'meshsim';

/**
 * The config `kuma` resolves to: the shared fields, and its sidecar's profile.
 * @typedef {import('meshsim').MeshConfigBase & { shape: 'kuma', kumaSidecar: import('meshsim').ProxyProfile }} KumaConfig
 */

/** The sidecar profile: Istio's Envoy sidecar (an assumption: the same Envoy, configured alike). */
const ENVOY = /** @type {{ sidecar: import('meshsim').ProxyProfile }} */ (
  /** @type {unknown} */ (resolveMeshConfig({ shape: 'istio-sidecar' }))
).sidecar;

/** `mesh.kumaDp`, an option of the shape's own: `{ workers }`, kuma-dp's Envoy worker threads. */
const KUMA_DP = {
  description: "kuma-dp's Envoy: { workers } (an integer >= 1). Default: the sidecar profile's.",
  /** @param {unknown} value @param {string} path */
  check(value, path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError(`${path} must be an object { workers }`);
    }
    for (const [key, workers] of Object.entries(value)) {
      if (key !== 'workers') throw new RangeError(`${path}.${key} is not a field of it; its fields: workers`);
      if (!(Number.isInteger(workers) && workers >= 1)) {
        throw new RangeError(`${path}.workers must be an integer >= 1 (got ${String(workers)})`);
      }
    }
  },
};

/** @type {import('meshsim').SidecarMesh<KumaConfig>} */
const KUMA_SIDECAR = {
  kind: 'kuma-dp',
  container: 'kuma-sidecar',
  stream: 'proxy/kuma-dp',
  // Its own kind, declared in `enforcers` below (a typo of a built-in kind's name would not type-check).
  enforcer: declaredEnforcerKind('kuma-dp'),
  endpointScope: 'all',
  profile: (mesh) => mesh.kumaSidecar,
  adjustPolicy: (policy) => policy,
  configWarnings: () => {},
};

registerMeshShape({
  name: 'kuma',
  summary:
    'Kuma-like: an Envoy sidecar (kuma-dp) in every pod (an example shape, docs/mesh-shapes/custom-shape.md)',
  capabilityRow: { client: '`kuma-dp` (its sidecar)', server: '`kuma-dp`' },
  // Its hops' own enforcer kind: what an Envoy runs (the l7-proxy row), with Envoy's retry rules.
  enforcers: {
    'kuma-dp': {
      policies: [...CAPABILITIES['l7-proxy']],
      retries: 'envoy',
      hints: {
        'failure-accrual': 'kuma-dp is an Envoy: its ejection after consecutive 5xx is outlierDetection',
      },
    },
  },
  options: { kumaDp: KUMA_DP },
  // The built-in `mesh.sidecar` override applies to its sidecar (kept under `kumaSidecar`).
  usesOptions: ['sidecar'],
  /** @param {import('meshsim').MeshOptions & { kumaDp?: { workers?: number } }} options */
  resolve: (options) => {
    const sidecar = withOverrides(ENVOY, options.sidecar);
    const workers = options.kumaDp?.workers;
    return {
      ...resolveShared('kuma', options, {
        loadBalancer: 'round-robin',
        defaultPolicy: NO_POLICY,
        mtls: true,
      }),
      kumaSidecar: workers === undefined ? sidecar : { ...sidecar, workers },
    };
  },
  assumptions: () => [
    "kuma: its sidecar's figures are Istio's Envoy sidecar's (an assumption of the example: both run Envoy).",
  ],
  podRequests: (config, scenario) => sidecarPodRequests(config.kumaSidecar, scenario),
  createDataPlane: (context, config) => new SidecarDataPlane(KUMA_SIDECAR, context, config),
});
