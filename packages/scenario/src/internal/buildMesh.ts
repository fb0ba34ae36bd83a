// Resolves `mesh` into a MeshConfig: the shape's defaults from defaultMeshConfig(shape, options) — so the
// defaults that depend on istioVersion, appMeshLegacyAccount and layered follow — then the written overrides.

import type { DistributionSpec } from '@meshsim/engine';
import {
  AWS_US_EAST_1_PRICES,
  CILIUM_NODE_ENVOY_PROFILE,
  EBPF_PROFILE,
  LATTICE_HOP_PROFILE,
  LINKERD_PROXY_PROFILE,
  WAYPOINT_PROFILE,
  ZTUNNEL_PROFILE,
  defaultMeshConfig,
} from '@meshsim/mesh';
import type { MeshConfig, PriceTable, ProxyProfile, WaypointProfile } from '@meshsim/mesh';
import type * as z from 'zod';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import type { Prices, ProxyProfileOverride, WaypointOverride } from '../profileSchema.js';
import type { RawScenario } from '../schema.js';
import { parseByteSize, parseDurationMs as ms } from '../units.js';
import { policyOf } from './callPolicyOf.js';
import type { PathSegment } from './path.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './zodIssues.js';

type RawMeshObject = Exclude<NonNullable<RawScenario['mesh']>, string>;
type RawProfile = z.output<typeof ProxyProfileOverride>;
type RawWaypoint = z.output<typeof WaypointOverride>;
type RawPrices = z.output<typeof Prices>;

const MIB = 1024 * 1024;

/** A memory size in `unitBytes`: a number is already in that unit. */
function size(value: number | string, unitBytes: number): number {
  return typeof value === 'number' ? value : parseByteSize(value) / unitBytes;
}

/** `base` with the written fields of `raw` applied (units converted). */
function profileOf(
  raw: RawProfile,
  base: ProxyProfile,
  path: readonly PathSegment[],
  issues: PathIssue[],
): ProxyProfile {
  const latencyMs: DistributionSpec =
    raw.latency === undefined
      ? base.latencyMs
      : resolveDistribution(raw.latency, [...path, 'latency'], issues);
  return {
    ...base,
    latencyMs,
    ...(raw.workers !== undefined && { workers: raw.workers === 'unlimited' ? Infinity : raw.workers }),
    ...(raw.cpuPerRequest !== undefined && { cpuMsPerRequest: ms(raw.cpuPerRequest) }),
    ...(raw.cpuPerKiB !== undefined && { cpuMsPerKiB: ms(raw.cpuPerKiB) }),
    ...(raw.memoryBase !== undefined && { memoryBaseMiB: size(raw.memoryBase, MIB) }),
    ...(raw.memoryPerEndpoint !== undefined && { memoryPerEndpointKiB: size(raw.memoryPerEndpoint, 1024) }),
    ...(raw.memoryPerConnection !== undefined && {
      memoryPerConnectionKiB: size(raw.memoryPerConnection, 1024),
    }),
  };
}

function waypointOf(raw: RawWaypoint, base: WaypointProfile, issues: PathIssue[]): WaypointProfile {
  return {
    ...profileOf(raw, base, ['mesh', 'waypoint'], issues),
    replicas: raw.replicas ?? base.replicas,
  };
}

/** `none` → null; a table → the default prices with the given ones replaced, labelled by what was given. */
function pricesOf(raw: RawPrices): PriceTable | null {
  if (raw === 'none') return null;
  const table: PriceTable = { ...AWS_US_EAST_1_PRICES };
  const given: string[] = [];
  for (const key of [
    'vcpuHourUsd',
    'gibHourUsd',
    'latticeServiceHourUsd',
    'latticeGbUsd',
    'latticeMillionRequestsUsd',
  ] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    table[key] = value;
    given.push(`${key} $${value}`);
  }
  table.label =
    raw.label ??
    `scenario prices (${given.join(', ') || 'none given'}); other prices: ${AWS_US_EAST_1_PRICES.label}`;
  return table;
}

/** The profile overrides of `raw`, each applied to the shape's default or, if the shape has none, to the kind's default. */
function profileOverrides(raw: RawMeshObject, base: MeshConfig, issues: PathIssue[]): Partial<MeshConfig> {
  const one = (
    key: 'ztunnel' | 'linkerdProxy' | 'ebpf' | 'nodeProxy' | 'lattice',
    fallback: ProxyProfile,
  ) => {
    const value = raw[key];
    return value === undefined
      ? {}
      : { [key]: profileOf(value, base[key] ?? fallback, ['mesh', key], issues) };
  };
  return {
    ...(raw.sidecar !== undefined && {
      sidecar: profileOf(raw.sidecar, base.sidecar, ['mesh', 'sidecar'], issues),
    }),
    ...one('ztunnel', ZTUNNEL_PROFILE),
    ...(raw.waypoint !== undefined && {
      waypoint: waypointOf(raw.waypoint, base.waypoint ?? WAYPOINT_PROFILE, issues),
    }),
    ...one('linkerdProxy', LINKERD_PROXY_PROFILE),
    ...one('ebpf', EBPF_PROFILE),
    ...one('nodeProxy', CILIUM_NODE_ENVOY_PROFILE),
    ...one('lattice', LATTICE_HOP_PROFILE),
  };
}

/**
 * The MeshConfig of a schema-valid `mesh` field.
 *
 * @param raw - `mesh` as written: absent, a shape name, or `{ shape, ...overrides }`.
 * @param issues - Receives problems only found while resolving (the engine's distribution checks).
 */
export function buildMesh(raw: RawScenario['mesh'], issues: PathIssue[]): MeshConfig {
  if (raw === undefined) return defaultMeshConfig(SCENARIO_DEFAULTS.mesh);
  if (typeof raw === 'string') return defaultMeshConfig(raw);
  // Options whose defaults other defaults depend on (profiles, default policy) go to defaultMeshConfig.
  const base = defaultMeshConfig(raw.shape, {
    ...(raw.istioVersion !== undefined && { istioVersion: raw.istioVersion }),
    ...(raw.appMeshLegacyAccount !== undefined && { appMeshLegacyAccount: raw.appMeshLegacyAccount }),
    ...(raw.layered !== undefined && { layered: raw.layered }),
  });
  return {
    ...base,
    libraryServices: raw.libraryServices ?? base.libraryServices,
    libraryCpuMsPerCall:
      raw.libraryCpuPerCall === undefined ? base.libraryCpuMsPerCall : ms(raw.libraryCpuPerCall),
    ...profileOverrides(raw, base, issues),
    endpointUpdateDelayMs:
      raw.endpointUpdateDelay === undefined ? base.endpointUpdateDelayMs : ms(raw.endpointUpdateDelay),
    loadBalancer: raw.loadBalancer ?? base.loadBalancer,
    defaultPolicy: raw.defaultPolicy === undefined ? base.defaultPolicy : policyOf(raw.defaultPolicy).policy,
    ...(raw.mtls !== undefined && { mtls: raw.mtls }),
    ...(raw.encryption !== undefined && { encryption: raw.encryption }),
    ...(raw.prices !== undefined && { prices: pricesOf(raw.prices) }),
  };
}
