// The definition of a mesh shape: its name, what it is, where it enforces policies, how its options
// resolve into its config, what it assumes, and its data plane. Each shape lives in shapes/<shape>/;
// the registry (registry.ts) lists them.

import type { MeshConfig, MeshConfigBase, MeshOptions, NodeAgentSpec } from '../config/MeshConfig.js';
import type { SimulationConfig } from '../config/SimulationConfig.js';
import type { EnforcerSpec } from '../config/enforcerKinds.js';
import type { DataPlane } from './dataplane/DataPlane.js';
import type { DataPlaneContext } from './dataplane/DataPlaneContext.js';
import type { MeshProfile } from './profileFields.js';
import type { ShapeOptionSpec } from './ShapeOptionSpec.js';

/** A shape's row of the capability matrix: which kind of hop enforces policies, in words (docs/policies.md). */
export interface CapabilityRow {
  /** The hop that enforces a service's caller-side policies (timeouts, retries, breakers, …). */
  readonly client: string;
  /** The hop that enforces a service's inbound policies (rate limits, authorization, …). */
  readonly server: string;
}

/** The other registered shapes, for shapes built from another (such as `layered`). */
export interface OtherShapes {
  /** The config of `options` under its own shape. */
  resolve(options: MeshOptions): MeshConfig;
  /** The assumptions of `config` under its own shape. */
  assumptions(config: MeshConfig): readonly string[];
  /** The proxy profiles of `config` under its own shape. */
  profiles(config: MeshConfig): readonly MeshProfile[];
  /** What `config`'s pods request under its own shape, in `scenario`. */
  podRequests(config: MeshConfig, scenario: SimulationConfig): MeshPodRequests;
}

/**
 * What a mesh adds to the CPU and memory requests the scheduler fits pods onto nodes with
 * (docs/model.md#pending-pods): an injected sidecar's, in every application pod, and its DaemonSet pods', on every
 * node. Waypoint pods are placed as pods of their own.
 */
export interface MeshPodRequests {
  /** What the sidecar injected into each pod of a service requests, by service name [cores]; absent: none. */
  readonly sidecarCpuRequestCores: ReadonlyMap<string, number>;
  /** The same in memory [MiB]; absent: none. */
  readonly sidecarMemoryRequestMiB: ReadonlyMap<string, number>;
  /**
   * What the mesh's DaemonSet pods request on every node [cores]: its per-node proxies' and its `nodeAgent`'s; 0
   * without any.
   */
  readonly perNodeCpuRequestCores: number;
  /** The same in memory [MiB]; 0 without any. */
  readonly perNodeMemoryRequestMiB: number;
  /**
   * The mesh's DaemonSet pods on every node (a ztunnel's and the CNI node agent's, Cilium's node Envoy's): each takes
   * one of the node's pod slots (`nodeMaxPods`). @defaultValue 0
   */
  readonly perNodePods?: number;
  /**
   * A DaemonSet pod on every node that carries no traffic (Istio ambient's CNI node agent): what it requests, already
   * counted in `perNodeCpuRequestCores`, `perNodeMemoryRequestMiB` and `perNodePods`, and reported with the nodes'
   * requests and the proxies' (as kind `kind`). @defaultValue none
   */
  readonly nodeAgent?: NodeAgentRequests;
}

/** What a mesh's node agent (a DaemonSet pod on every node, no proxy) requests, with its name. */
export interface NodeAgentRequests extends NodeAgentSpec {
  /** Its name in the proxies' totals (`istio-cni`). */
  readonly kind: string;
}

/**
 * A mesh shape. `C` is the config it resolves to; `O` the options of its own (`{ kumaDp: { workers?: number } }`,
 * declared in `options`), which its `resolve` reads typed.
 */
export interface MeshShape<
  C extends MeshConfigBase = MeshConfigBase,
  O extends object = Record<never, never>,
> {
  /** The name used in scenario files, on the command line and in results. */
  readonly name: string;
  /** One line on what the shape is (help texts, `meshsim list`, docs). */
  readonly summary: string;
  /** Where the shape enforces policies. */
  readonly capabilityRow: CapabilityRow;
  /**
   * The enforcer kinds of the shape's own hops, by name (`kuma-dp`), with the policies each runs: its data plane's
   * `clientEnforcer`/`serverEnforcer` (or a `SidecarMesh`'s `enforcer`) may then return them, and a policy a scenario
   * asks of such a hop that it does not run is warned of and not applied. A name must not be a built-in kind or
   * another shape's. Absent: the shape's hops are of built-in kinds only (config/capabilities.ts).
   */
  readonly enforcers?: Readonly<Record<string, EnforcerSpec>>;
  /**
   * The mesh options of the shape's own, by key (`kumaDp`): a scenario's `mesh` and `--set mesh.<key>…` accept them,
   * each checked by its `check`, and `resolve` reads them from its options as written. A key must not be a built-in
   * option or another shape's. Absent: none.
   */
  readonly options?: Readonly<Record<string, ShapeOptionSpec>>;
  /**
   * The built-in mesh options the shape reads beyond the shared ones (`SHARED_MESH_OPTIONS`, which every shape reads):
   * `['sidecar']`, wherever it keeps what they give. Every built-in shape declares its own (`meshShape('cilium')
   * .usesOptions`). A run of the shape does not warn that it does not use them, and the warning of another shape
   * names this one among their users; registration refuses a shape whose `resolve` reads one it does not list.
   * Absent: none.
   */
  readonly usesOptions?: readonly (keyof MeshOptions)[];
  /**
   * The shape's config from `options` (whose `shape` is this shape's name): every field filled, the
   * written ones as written. Throws naming the field when an option is invalid for the shape.
   */
  resolve(options: MeshOptions & Partial<O>, others: OtherShapes): C;
  /**
   * Assumptions printed with every run of `config` (sources and guesses of its figures): a figure of a profile field
   * the options wrote is not the shape's, so its source is not printed (`shapeAssumptions` prints the written values).
   */
  assumptions(config: C, others: OtherShapes): readonly string[];
  /**
   * The proxy profiles of `config` that its options can override (reported with each result, and the written fields
   * among the assumptions). Absent: none.
   */
  profiles?(config: C, others: OtherShapes): readonly MeshProfile[];
  /**
   * What the shape's proxies add to the requests pods are placed with, in `scenario`. Absent: nothing (no sidecar,
   * no per-node proxy that requests CPU or memory).
   */
  podRequests?(config: C, scenario: SimulationConfig, others: OtherShapes): MeshPodRequests;
  /** The data plane of a run. */
  createDataPlane(context: DataPlaneContext, config: C): DataPlane;
}
