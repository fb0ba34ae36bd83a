// Resolves `mesh` into a MeshConfig: the written fields become MeshOptions (units converted), and the
// shape registry resolves them (`resolveMeshConfig`), so every default follows from the options.

import type { DistributionSpec } from '@meshsim/engine';
import { AWS_US_EAST_1_PRICES, optionOwner, resolveMeshConfig } from '@meshsim/mesh';
import type { MeshConfig, MeshOptions, PriceTable, ProxyProfile, WaypointProfile } from '@meshsim/mesh';
import type * as z from 'zod';
import { SCENARIO_DEFAULTS } from '../defaults.js';
import type { Prices, ProxyProfileOverride, WaypointOverride } from '../profileSchema.js';
import type { RawScenario } from '../schema.js';
import { parseByteSize, parseCpuCores, parseCpuLimit, parseDurationMs as ms } from '../units.js';
import { policyOf } from './callPolicyOf.js';
import type { PathSegment } from './path.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './PathIssue.js';

type RawMeshObject = Exclude<NonNullable<RawScenario['mesh']>, string>;
type RawProfile = z.output<typeof ProxyProfileOverride>;
type RawWaypoint = z.output<typeof WaypointOverride>;
type RawPrices = z.output<typeof Prices>;

const MIB = 1024 * 1024;

/** A memory size in `unitBytes`: a number is already in that unit. */
function size(value: number | string, unitBytes: number): number {
  return typeof value === 'number' ? value : parseByteSize(value) / unitBytes;
}

/** The written fields of a profile override, in the model's units. */
function profileOf(
  raw: RawProfile,
  path: readonly PathSegment[],
  issues: PathIssue[],
): Partial<ProxyProfile> {
  const latencyMs: DistributionSpec | undefined =
    raw.latency === undefined ? undefined : resolveDistribution(raw.latency, [...path, 'latency'], issues);
  return {
    ...(latencyMs !== undefined && { latencyMs }),
    ...(raw.workers !== undefined && { workers: raw.workers === 'unlimited' ? Infinity : raw.workers }),
    ...(raw.cpuPerRequest !== undefined && { cpuMsPerRequest: ms(raw.cpuPerRequest) }),
    ...(raw.cpuPerKiB !== undefined && { cpuMsPerKiB: ms(raw.cpuPerKiB) }),
    ...(raw.memoryBase !== undefined && { memoryBaseMiB: size(raw.memoryBase, MIB) }),
    ...(raw.memoryPerEndpoint !== undefined && { memoryPerEndpointKiB: size(raw.memoryPerEndpoint, 1024) }),
    ...(raw.memoryPerConnection !== undefined && {
      memoryPerConnectionKiB: size(raw.memoryPerConnection, 1024),
    }),
    ...(raw.cpuLimit !== undefined && { cpuLimitCores: parseCpuLimit(raw.cpuLimit) }),
    ...(raw.cpuRequest !== undefined && { cpuRequestCores: parseCpuCores(raw.cpuRequest) }),
    ...(raw.memoryRequest !== undefined && { memoryRequestMiB: size(raw.memoryRequest, MIB) }),
    ...(raw.memoryLimit !== undefined && { memoryLimitMiB: size(raw.memoryLimit, MIB) }),
    ...(raw.tlsHandshakeCpu !== undefined && { tlsHandshakeCpuMs: ms(raw.tlsHandshakeCpu) }),
  };
}

function waypointOf(raw: RawWaypoint, issues: PathIssue[]): Partial<WaypointProfile> {
  return {
    ...profileOf(raw, ['mesh', 'waypoint'], issues),
    ...(raw.replicas !== undefined && { replicas: raw.replicas }),
  };
}

/**
 * `none` → null; a table → the default prices with the given ones replaced, labelled by its `label` or by what was
 * given, followed by the AWS prices that stand for those not given.
 */
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
  // The prices not given are AWS's: said after the scenario's own label too, so no price is taken unannounced.
  const others = given.length < 5 ? `; other prices: ${AWS_US_EAST_1_PRICES.label}` : '';
  table.label =
    raw.label === undefined
      ? `scenario prices (${given.join(', ') || 'none given'})${others}`
      : `${raw.label}${others}`;
  return table;
}

const PROFILE_KEYS = ['sidecar', 'ztunnel', 'linkerdProxy', 'ebpf', 'nodeProxy', 'lattice'] as const;

/** The options written in a schema-valid `mesh` object, in the model's units. */
function optionsOf(raw: RawMeshObject, issues: PathIssue[]): MeshOptions {
  const options: MeshOptions = { shape: raw.shape };
  if (raw.libraryServices !== undefined) options.libraryServices = raw.libraryServices;
  if (raw.libraryCpuPerCall !== undefined) options.libraryCpuMsPerCall = ms(raw.libraryCpuPerCall);
  for (const key of PROFILE_KEYS) {
    const value = raw[key];
    if (value !== undefined) options[key] = profileOf(value, ['mesh', key], issues);
  }
  if (raw.waypoint !== undefined) options.waypoint = waypointOf(raw.waypoint, issues);
  if (raw.istioCni !== undefined) {
    options.istioCni = {
      ...(raw.istioCni.cpuRequest !== undefined && {
        cpuRequestCores: parseCpuCores(raw.istioCni.cpuRequest),
      }),
      ...(raw.istioCni.memoryRequest !== undefined && {
        memoryRequestMiB: size(raw.istioCni.memoryRequest, MIB),
      }),
    };
  }
  if (raw.endpointUpdateDelay !== undefined) options.endpointUpdateDelayMs = ms(raw.endpointUpdateDelay);
  if (raw.loadBalancer !== undefined) options.loadBalancer = raw.loadBalancer;
  if (raw.defaultPolicy !== undefined) options.defaultPolicy = policyOf(raw.defaultPolicy, false).policy;
  if (raw.mtls !== undefined) options.mtls = raw.mtls;
  if (raw.encryption !== undefined) options.encryption = raw.encryption;
  if (raw.prices !== undefined) options.prices = pricesOf(raw.prices);
  if (raw.istioVersion !== undefined) options.istioVersion = raw.istioVersion;
  if (raw.linkerdVersion !== undefined) options.linkerdVersion = raw.linkerdVersion;
  if (raw.appMeshLegacyAccount !== undefined) options.appMeshLegacyAccount = raw.appMeshLegacyAccount;
  if (raw.layered?.inCluster !== undefined) options.inCluster = raw.layered.inCluster;
  if (raw.layered?.crossCluster !== undefined) options.crossCluster = raw.layered.crossCluster;
  // The options registered shapes own, as written (the schema ran their checks).
  for (const [key, value] of Object.entries(raw)) {
    if (optionOwner(key) !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  return options;
}

/**
 * The MeshConfig of a schema-valid `mesh` field.
 *
 * @param raw - `mesh` as written: absent, a shape name, or `{ shape, ...overrides }`.
 * @param issues - Receives problems only found while resolving (the engine's distribution checks).
 */
export function buildMesh(raw: RawScenario['mesh'], issues: PathIssue[]): MeshConfig {
  if (raw === undefined) return resolveMeshConfig({ shape: SCENARIO_DEFAULTS.mesh });
  if (typeof raw === 'string') return resolveMeshConfig({ shape: raw });
  return resolveMeshConfig(optionsOf(raw, issues));
}
