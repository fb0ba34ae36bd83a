// The fields every mesh config shares, resolved from the written options and the shape's own defaults,
// and the merge of a written profile override onto a shape's default profile.

import type {
  ConnectionPoolDefaults,
  MeshConfigBase,
  MeshLoadBalancer,
  MeshOptions,
  OutlierEjectionCap,
  SuccessRateEjection,
} from '../config/MeshConfig.js';
import type { CallPolicy } from '../config/CallPolicy.js';
import { meshOptionDefaultMs } from '../config/rules/meshOptionRules.js';
import { AWS_US_EAST_1_PRICES } from './dataplane/prices.js';

/** Delay before an endpoint change reaches callers by default [ms] (an assumption: no source; the rule table's). */
export const DEFAULT_ENDPOINT_UPDATE_DELAY_MS = meshOptionDefaultMs('endpointUpdateDelay');

/** Workload certificate lifetime by default [ms]: 24 h (Istio `SECRET_TTL`; Linkerd proxy certificates also last 24 h). */
export const DEFAULT_CERTIFICATE_LIFETIME_MS = 24 * 3_600_000;

/** The defaults of the shared fields that differ from shape to shape. */
export interface SharedDefaults {
  readonly loadBalancer: MeshLoadBalancer;
  readonly defaultPolicy: CallPolicy;
  readonly mtls: boolean;
  /** How the shape's proxies cap outlier ejections. Default: `after-ejection` (Envoy 1.28 and later). */
  readonly outlierEjectionCap?: OutlierEjectionCap;
  /** Whether the shape's proxies can eject by success rate. Default: `configurable` (Envoy's own). */
  readonly successRateEjection?: SuccessRateEjection;
  /** Whose defaults unwritten connection-pool thresholds take. Default: `envoy` (Envoy's own). */
  readonly connectionPoolDefaults?: ConnectionPoolDefaults;
}

/** The shared fields of a `shape` config: written options first, then `defaults`, then the model's. */
export function resolveShared<S extends string>(
  shape: S,
  options: MeshOptions,
  defaults: SharedDefaults,
): MeshConfigBase & { readonly shape: S } {
  return {
    shape,
    endpointUpdateDelayMs: options.endpointUpdateDelayMs ?? DEFAULT_ENDPOINT_UPDATE_DELAY_MS,
    loadBalancer: options.loadBalancer ?? defaults.loadBalancer,
    defaultPolicy: options.defaultPolicy ?? defaults.defaultPolicy,
    mtls: options.mtls ?? defaults.mtls,
    certificateLifetimeMs: options.certificateLifetimeMs ?? DEFAULT_CERTIFICATE_LIFETIME_MS,
    prices: options.prices === undefined ? AWS_US_EAST_1_PRICES : options.prices,
    outlierEjectionCap: defaults.outlierEjectionCap ?? 'after-ejection',
    successRateEjection: defaults.successRateEjection ?? 'configurable',
    connectionPoolDefaults: defaults.connectionPoolDefaults ?? 'envoy',
    options,
  };
}

/** Whether an override writes `key`: it gives it a value (a key set to undefined writes nothing). */
export function writes<P extends object>(override: Partial<P> | undefined, key: keyof P): boolean {
  return override !== undefined && override[key] !== undefined;
}

/** `base` with the written fields of `override` (those it gives a value, see {@link writes}) replacing its own. */
export function withOverrides<P extends object>(base: P, override: Partial<P> | undefined): P {
  if (override === undefined) return base;
  const merged = { ...base };
  for (const key of Object.keys(override) as (keyof P)[]) {
    if (writes(override, key)) merged[key] = override[key] as P[keyof P];
  }
  return merged;
}
