// Options in, resolved config out: the mesh config of written options under their shape, the assumptions a run
// of a config prints and what its proxies add to the pods' requests. All go through the shape registry.

import type { MeshConfig, MeshConfigBase, MeshOptions } from '../config/MeshConfig.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { MeshPodRequests, OtherShapes } from './MeshShape.js';
import { checkMeshOptionValues } from './checkMeshOptionValues.js';
import { meshShape } from './registry.js';
import { priceAssumption } from './dataplane/prices.js';
import type { MeshProfile } from './profileFields.js';
import { setByScenarioNote } from './profileNotes.js';
import { tlsHandshakeNote } from './tlsHandshakeNote.js';

/** The registered shapes, as a shape built from another (or a check of a shape) reaches them. */
export const OTHER_SHAPES: OtherShapes = {
  resolve: resolveMeshConfig,
  assumptions: meshAssumptions,
  profiles: meshProfiles,
  podRequests: (config, scenario) => meshPodRequests(scenario, config),
};

/** A mesh that adds nothing to the pods' requests. */
const NO_POD_REQUESTS: MeshPodRequests = {
  sidecarCpuRequestCores: new Map(),
  sidecarMemoryRequestMiB: new Map(),
  perNodeCpuRequestCores: 0,
  perNodeMemoryRequestMiB: 0,
};

/**
 * The mesh config of `options`: the shape's defaults, with every written option in place. Throws
 * naming `mesh.shape` for an unknown shape, or the field for an invalid option: a release outside
 * `ISTIO_VERSIONS` / `LINKERD_VERSIONS`, a profile override field a profile does not have or of an invalid value, a key
 * that is neither a built-in option nor one a registered shape owns, or a value its owner's check refuses.
 *
 * @example
 * ```ts
 * const mesh = resolveMeshConfig({ shape: 'istio-sidecar', istioVersion: '1.4' });
 * ```
 */
export function resolveMeshConfig(options: MeshOptions): MeshConfig;
/**
 * The config of a registered shape, typed: `C` is its config type, `O` the options of its own (as in its
 * `MeshShape<C, O>`), which `options` may then write without an excess-property error or a cast.
 *
 * @example
 * ```ts
 * const kuma = resolveMeshConfig<KumaConfig, KumaOptions>({ shape: 'kuma', kumaDp: { workers: 4 } });
 * kuma.sidecar.workers; // typed: KumaConfig
 * ```
 */
export function resolveMeshConfig<C extends MeshConfigBase, O extends object = Record<never, never>>(
  options: MeshOptions & { readonly shape: C['shape'] } & Partial<O>,
): C;
export function resolveMeshConfig(options: MeshOptions): MeshConfigBase {
  const shape = meshShape(options.shape);
  checkMeshOptionValues(options);
  // A user-registered shape resolves to its own config type; the union names the built-in ones.
  return shape.resolve(options, OTHER_SHAPES);
}

/**
 * The assumptions of a run of `config`: the proxy profile fields its options wrote, with their values (`sidecar:
 * latency, cpuPerRequest set by the scenario (1 ms, 0.5 ms).`), its shape's (and its layers') sources of the other
 * figures, plus the price note when prices are on and the shape runs anything to price (and, for a registered shape
 * with mTLS whose profiles give no TLS handshake CPU, that its handshakes cost 0 ms of CPU).
 */
export function shapeAssumptions(config: MeshConfig): string[] {
  const written = meshProfiles(config).flatMap((profile) => setByScenarioNote(profile) ?? []);
  const notes = [...written, ...meshAssumptions(config)];
  const tls = tlsHandshakeNote(config, OTHER_SHAPES);
  if (tls !== null) notes.push(tls);
  if (config.prices !== null && config.shape !== 'none') notes.push(priceAssumption(config.prices));
  return notes;
}

function meshAssumptions(config: MeshConfig): readonly string[] {
  return meshShape(config.shape).assumptions(config, OTHER_SHAPES);
}

/**
 * The proxy profiles a run of `config` uses that its options can override (a layered mesh's in-cluster shape's and
 * its cross-cluster hop's), each with the fields the options wrote; none for a shape without proxies.
 */
export function meshProfiles(config: MeshConfig): readonly MeshProfile[] {
  return meshShape(config.shape).profiles?.(config, OTHER_SHAPES) ?? [];
}

/**
 * What the proxies of `mesh` (default: the scenario's) add to the CPU and memory requests the pods of `scenario` are placed
 * with: each service's injected sidecar, and the per-node proxies' DaemonSet pods on every node.
 */
export function meshPodRequests(
  scenario: SimulationConfig,
  mesh: MeshConfig = scenario.mesh,
): MeshPodRequests {
  return meshShape(mesh.shape).podRequests?.(mesh, scenario, OTHER_SHAPES) ?? NO_POD_REQUESTS;
}
