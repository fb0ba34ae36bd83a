// The fields of a proxy profile: each one's name in a scenario's profile override, its unit and its check, the mesh
// options that override a profile, and which fields a written override sets (what runs and what a run reports).

import { describeDistribution } from '@meshsim/engine';
import type { DistributionSpec } from '@meshsim/engine';
import type { MeshOptions, ProxyProfile, ProxyProfileField, WaypointProfile } from '../config/MeshConfig.js';
import { writes } from './resolveShared.js';

/** How a profile field is checked: `latencyMs` a distribution, the rest numbers. */
export type ProfileFieldRule = 'distribution' | 'workers' | 'amount' | 'cpu' | 'cpuLimit' | 'replicas';

/** One field of a proxy profile. */
export interface ProfileFieldSpec {
  /** Its name in a scenario's profile override (`cpuPerRequest` for `cpuMsPerRequest`). */
  readonly written: string;
  /** The unit of its value (of the distribution's values for `latencyMs`). */
  readonly unit: 'ms' | 'MiB' | 'KiB' | 'cores' | 'count';
  readonly rule: ProfileFieldRule;
}

/**
 * Every field of a waypoint profile (a proxy profile plus `replicas`), in the order the docs, the results and the
 * assumptions list them; the compiler keeps it whole.
 */
export const PROFILE_FIELDS: Readonly<Record<ProxyProfileField, ProfileFieldSpec>> = {
  latencyMs: { written: 'latency', unit: 'ms', rule: 'distribution' },
  workers: { written: 'workers', unit: 'count', rule: 'workers' },
  cpuMsPerRequest: { written: 'cpuPerRequest', unit: 'ms', rule: 'amount' },
  cpuMsPerKiB: { written: 'cpuPerKiB', unit: 'ms', rule: 'amount' },
  memoryBaseMiB: { written: 'memoryBase', unit: 'MiB', rule: 'amount' },
  memoryPerEndpointKiB: { written: 'memoryPerEndpoint', unit: 'KiB', rule: 'amount' },
  memoryPerConnectionKiB: { written: 'memoryPerConnection', unit: 'KiB', rule: 'amount' },
  cpuLimitCores: { written: 'cpuLimit', unit: 'cores', rule: 'cpuLimit' },
  cpuRequestCores: { written: 'cpuRequest', unit: 'cores', rule: 'cpu' },
  memoryRequestMiB: { written: 'memoryRequest', unit: 'MiB', rule: 'amount' },
  memoryLimitMiB: { written: 'memoryLimit', unit: 'MiB', rule: 'amount' },
  tlsHandshakeCpuMs: { written: 'tlsHandshakeCpu', unit: 'ms', rule: 'amount' },
  replicas: { written: 'replicas', unit: 'count', rule: 'replicas' },
};

/** The fields of {@link PROFILE_FIELDS}, in its order. */
const FIELD_ORDER = Object.keys(PROFILE_FIELDS) as ProxyProfileField[];

/** The mesh options that override a proxy profile (`mesh.sidecar`, …; only `waypoint` takes `replicas`). */
export const PROFILE_OPTIONS = [
  'sidecar',
  'ztunnel',
  'waypoint',
  'linkerdProxy',
  'ebpf',
  'nodeProxy',
  'lattice',
] as const;

/** A mesh option that overrides a proxy profile. */
export type ProfileOption = (typeof PROFILE_OPTIONS)[number];

/**
 * A proxy profile of a resolved mesh: which mesh option overrides it, the kind of its proxies, the profile that runs
 * and which of its fields the options wrote (the others are the shape's own).
 */
export interface MeshProfile {
  /** The mesh option that overrides it (`sidecar`, `ztunnel`, …), as a scenario's `mesh` writes it. */
  readonly name: ProfileOption;
  /** The kind of its proxies in a result's proxy totals (`envoy-sidecar`, `ztunnel`, …). */
  readonly kind: string;
  /** The profile that runs: the shape's own with the written fields in place (a waypoint's has `replicas`). */
  readonly profile: ProxyProfile | WaypointProfile;
  /** The fields the mesh options wrote, in PROFILE_FIELDS order (`writtenProfileFields`). */
  readonly written: readonly ProxyProfileField[];
}

/**
 * The fields a written profile override sets (those it gives a value), in {@link PROFILE_FIELDS} order: what
 * `withOverrides` puts in place of the shape's own, and what a run reports as set by the scenario.
 */
export function writtenProfileFields(override: Partial<WaypointProfile> | undefined): ProxyProfileField[] {
  return FIELD_ORDER.filter((field) => writes(override, field));
}

// Short numbers for text: integers as is, others to 4 significant digits (as describeDistribution's).
function short(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/**
 * A profile field's value in words, with its unit: `1 ms`, `lognormal(median 0.45, p99 2.1) ms`, `80 MiB`,
 * `0.1 cores`, `2`; `unlimited` for Infinity or null (workers, CPU or memory limit: none).
 */
export function describeProfileValue(
  field: ProxyProfileField,
  value: number | DistributionSpec | null,
): string {
  const { unit } = PROFILE_FIELDS[field];
  if (value === null || value === Infinity) return 'unlimited';
  if (typeof value !== 'number') {
    return value.kind === 'constant' ? `${short(value.value)} ms` : `${describeDistribution(value)} ms`;
  }
  return unit === 'count' ? short(value) : `${short(value)} ${unit}`;
}

/** The {@link MeshProfile} `name` of a mesh resolved from `options`: `profile` runs, its proxies are of `kind`. */
export function meshProfile(
  name: ProfileOption,
  kind: string,
  profile: ProxyProfile | WaypointProfile,
  options: MeshOptions,
): MeshProfile {
  return { name, kind, profile, written: writtenProfileFields(options[name]) };
}
