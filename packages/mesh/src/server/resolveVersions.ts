// Validates and normalises a service's versions, weight schedule and class routes (docs/policies/
// traffic-management.md). Errors name the service, the field and the offending value.

import type { DistributionSpec } from '@meshsim/engine';
import type { ServiceConfig } from '../config/SimulationConfig.js';

/** Tolerance on weights summing to 100 (percent). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/** One version after validation. */
export interface ResolvedVersion {
  readonly name: string;
  readonly replicas: number;
  /** Index of its first instance in placement order (versions take consecutive instances). */
  readonly firstInstance: number;
  readonly serviceTimeMs: DistributionSpec | null;
  readonly errorRate: number | null;
}

/** A weight change: from `atMs` on, version `i` gets `weights[i]` percent. */
export interface ResolvedWeightStep {
  readonly atMs: number;
  readonly weights: readonly number[];
}

/** A service's versions, weights and routes, validated. */
export interface ResolvedVersions {
  readonly versions: readonly ResolvedVersion[];
  /** Weights by version index [percent], or null when no weight is set (no split). */
  readonly weights: readonly number[] | null;
  /** Weight changes sorted by time (stable for equal times). */
  readonly schedule: readonly ResolvedWeightStep[];
  /** Request class → version index; the first route declared for a class wins. */
  readonly routes: ReadonlyMap<string, number>;
}

/**
 * Validates `config.versions`, `weightSchedule` and `routes`. Without `versions` the service has
 * one version `v1` with every replica. Throws an Error naming the service and the field.
 */
export function resolveVersions(config: ServiceConfig): ResolvedVersions {
  const where = `service "${config.name}"`;
  const declared = config.versions ?? [
    { name: 'v1', replicas: config.replicas, weight: null, serviceTimeMs: null, errorRate: null },
  ];
  if (declared.length === 0)
    throw new Error(`${where}: versions must not be empty (omit it for one version)`);

  const versions: ResolvedVersion[] = [];
  const index = new Map<string, number>();
  let replicaSum = 0;
  let weighted = 0;
  declared.forEach((v, i) => {
    const field = `${where}: versions[${i}]`;
    if (typeof v.name !== 'string' || v.name.length === 0) {
      throw new Error(`${field}.name must be a non-empty string (got ${JSON.stringify(v.name)})`);
    }
    if (index.has(v.name)) throw new Error(`${field}.name "${v.name}" is declared twice`);
    if (!Number.isInteger(v.replicas) || v.replicas < 0) {
      throw new Error(`${field}.replicas must be a non-negative integer (got ${v.replicas})`);
    }
    if (v.weight !== null) {
      if (!Number.isFinite(v.weight) || v.weight < 0 || v.weight > 100) {
        throw new Error(`${field}.weight must be in [0, 100] (got ${v.weight})`);
      }
      weighted++;
    }
    if (v.errorRate !== null && !(v.errorRate >= 0 && v.errorRate <= 1)) {
      throw new Error(`${field}.errorRate must be in [0, 1] (got ${v.errorRate})`);
    }
    index.set(v.name, i);
    versions.push({
      name: v.name,
      replicas: v.replicas,
      firstInstance: replicaSum,
      serviceTimeMs: v.serviceTimeMs,
      errorRate: v.errorRate,
    });
    replicaSum += v.replicas;
  });
  if (replicaSum !== config.replicas) {
    throw new Error(
      `${where}: versions[].replicas add up to ${replicaSum}, but replicas is ${config.replicas}`,
    );
  }

  let weights: number[] | null = null;
  if (weighted > 0) {
    if (weighted !== declared.length) {
      throw new Error(
        `${where}: versions[].weight must be set on every version or on none (${weighted} of ${declared.length} set)`,
      );
    }
    weights = declared.map((v) => v.weight as number);
    checkSum(weights, `${where}: versions[].weight`);
  }

  const schedule = resolveSchedule(config, where, index, weights !== null);
  const routes = new Map<string, number>();
  (config.routes ?? []).forEach((route, i) => {
    const field = `${where}: routes[${i}]`;
    const requestClass = route.match?.requestClass;
    if (typeof requestClass !== 'string' || requestClass.length === 0) {
      throw new Error(
        `${field}.match.requestClass must be a non-empty string (got ${JSON.stringify(requestClass)})`,
      );
    }
    const target = index.get(route.version);
    if (target === undefined) {
      throw new Error(`${field}.version "${route.version}" is not a version of the service`);
    }
    if (!routes.has(requestClass)) routes.set(requestClass, target);
  });
  return { versions, weights, schedule, routes };
}

function resolveSchedule(
  config: ServiceConfig,
  where: string,
  index: ReadonlyMap<string, number>,
  hasWeights: boolean,
): ResolvedWeightStep[] {
  const steps = config.weightSchedule ?? [];
  if (steps.length === 0) return [];
  if (!hasWeights) {
    throw new Error(
      `${where}: weightSchedule needs versions[].weight set on every version (initial weights)`,
    );
  }
  const resolved = steps.map((step, i) => {
    const field = `${where}: weightSchedule[${i}]`;
    if (!Number.isFinite(step.atMs) || step.atMs < 0) {
      throw new Error(`${field}.atMs must be a finite time ≥ 0 [ms] (got ${step.atMs})`);
    }
    const weights = new Array<number>(index.size).fill(0);
    for (const [name, weight] of Object.entries(step.weights)) {
      const v = index.get(name);
      if (v === undefined) throw new Error(`${field}.weights: "${name}" is not a version of the service`);
      if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
        throw new Error(`${field}.weights.${name} must be in [0, 100] (got ${weight})`);
      }
      weights[v] = weight;
    }
    checkSum(weights, `${field}.weights`);
    return { atMs: step.atMs, weights };
  });
  // Array.prototype.sort is stable: equal times keep their declared order (the last one wins).
  return resolved.sort((a, b) => a.atMs - b.atMs);
}

function checkSum(weights: readonly number[], field: string): void {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    throw new Error(`${field} must add up to 100 (got ${sum})`);
  }
}
