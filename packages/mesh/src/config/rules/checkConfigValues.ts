// The values of a config built in code that the scenario format constrains beyond its bounds (checkConfigBounds):
// the objects a run needs, unique names, enums, distributions, call probabilities, timeouts and retry conditions,
// rate schedules and faults. Checked once before the model is built, each failure naming the field path.

import { validateDistribution } from '@meshsim/engine';
import type { DistributionSpec } from '@meshsim/engine';
import type { CallPolicy, RetryPolicy } from '../CallPolicy.js';
import { FAULT_EFFECT_KINDS, PROXY_ROLES, RETRY_CONDITIONS } from '../names.js';
import type { FaultConfig, OpenTrafficConfig, SimulationConfig } from '../SimulationConfig.js';
import { checkField } from './checkFields.js';
import { findRuleRow } from './findRuleRow.js';
import { seedProblem } from './seedRule.js';
import { SERVICE_RULES } from './serviceRules.js';

const NETWORK_FIELDS = ['sameNodeMs', 'sameZoneMs', 'crossZoneMs', 'crossClusterMs'] as const;

/** What a value is, for a message (`an array`, `undefined`, `5`). */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

function requireObject(value: unknown, path: string, what: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${path} must be ${what} (got ${shown(value)})`);
  }
}

function requireArray(value: unknown, path: string): void {
  if (!Array.isArray(value)) throw new TypeError(`${path} must be an array (got ${shown(value)})`);
}

function oneOf(value: unknown, values: readonly unknown[], path: string): void {
  if (!values.includes(value)) {
    throw new RangeError(
      `${path} must be one of ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${typeof value === 'string' ? JSON.stringify(value) : shown(value)})`,
    );
  }
}

function distribution(spec: DistributionSpec, path: string): void {
  validateDistribution(spec, path);
}

/** Throws naming the first name that appears twice among `names` (`<path>[i].name`). */
function unique(names: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`${path}[${i}].name must be a non-empty string (got ${shown(name)})`);
    }
    if (seen.has(name)) throw new RangeError(`${path}[${i}].name: duplicate ${what} "${name}"`);
    seen.add(name);
  });
}

/**
 * A caller's policy objects and retry conditions (its timeouts, attempts, backoff intervals and jitter:
 * CONFIG_RULE_SITES).
 */
function checkPolicy(policy: CallPolicy, path: string): void {
  requireObject(policy, path, 'a CallPolicy object');
  checkRetry(policy.retry, `${path}.retry`);
}

/** A retry policy's objects and conditions (`retry`, a call's `appRetry`); its numbers are CONFIG_RULE_SITES'. */
function checkRetry(retry: RetryPolicy, path: string): void {
  requireObject(retry, path, 'a RetryPolicy object');
  requireArray(retry.retryOn, `${path}.retryOn`);
  retry.retryOn.forEach((condition, i) => oneOf(condition, RETRY_CONDITIONS, `${path}.retryOn[${i}]`));
  // Its intervals (base > 0, the cap ≥ the base) are BACKOFF_RULES', as for a file (CONFIG_RULE_SITES).
  requireObject(retry.backoff, `${path}.backoff`, 'a BackoffPolicy object');
}

/** A rate schedule: at least one point, the first at 0, each later point after the one before. */
function checkSchedule(rate: OpenTrafficConfig['rate'], path: string): void {
  requireArray(rate, path);
  if (rate.length === 0) throw new RangeError(`${path} must have at least one point`);
  rate.forEach((point, j) => {
    const at = point.atMs;
    if (j === 0 && at !== 0)
      throw new RangeError(`${path}[0].atMs: the first point must be at 0 (got ${shown(at)})`);
    const previous = j === 0 ? undefined : rate[j - 1]?.atMs;
    if (previous !== undefined && !(Number.isFinite(at) && at > previous)) {
      throw new RangeError(
        `${path}[${j}].atMs must be after the previous point (${previous}) (got ${shown(at)})`,
      );
    }
  });
}

function checkFault(fault: FaultConfig, path: string): void {
  requireObject(fault, path, 'a FaultConfig object');
  if (!(Number.isFinite(fault.atMs) && fault.atMs >= 0)) {
    throw new RangeError(`${path}.atMs must be a finite number >= 0 (got ${shown(fault.atMs)})`);
  }
  if (!(typeof fault.durationMs === 'number' && fault.durationMs > 0)) {
    throw new RangeError(
      `${path}.durationMs must be a number > 0 or Infinity (got ${shown(fault.durationMs)})`,
    );
  }
  const instances = fault.instances;
  if (!(instances === Infinity || (Number.isInteger(instances) && instances >= 1))) {
    throw new RangeError(
      `${path}.instances must be an integer >= 1 or Infinity (all) (got ${shown(instances)})`,
    );
  }
  const effect = fault.effect;
  requireObject(effect, `${path}.effect`, 'a FaultEffect object');
  oneOf(effect.kind, FAULT_EFFECT_KINDS, `${path}.effect.kind`);
  if (effect.kind === 'error')
    checkField(findRuleRow(SERVICE_RULES, 'errorRate'), effect.rate, `${path}.effect.rate`);
  if (effect.kind === 'crash-proxy') oneOf(effect.proxy, PROXY_ROLES, `${path}.effect.proxy`);
  if (effect.kind === 'crash-loop' && !(Number.isFinite(effect.runsForMs) && effect.runsForMs >= 0)) {
    throw new RangeError(
      `${path}.effect.runsForMs must be a finite number >= 0 (got ${shown(effect.runsForMs)}): how long each started container runs before it crashes`,
    );
  }
  if (effect.kind === 'crash-node') {
    const graceMs = effect.nodeMonitorGracePeriodMs;
    if (graceMs !== undefined && !(typeof graceMs === 'number' && graceMs > 0)) {
      throw new RangeError(
        `${path}.effect.nodeMonitorGracePeriodMs must be a number > 0 or Infinity (got ${shown(graceMs)})`,
      );
    }
    if (effect.reachable !== undefined && typeof effect.reachable !== 'boolean') {
      throw new RangeError(`${path}.effect.reachable must be true or false (got ${shown(effect.reachable)})`);
    }
  }
  if (effect.kind === 'latency') {
    if (effect.addMs !== null) {
      distribution(effect.addMs, `${path}.effect.addMs`);
      // A scenario writes `+<duration>`: a constant of at least 0 (multiply below 1 shortens the time instead).
      if (effect.addMs.kind === 'constant' && !(effect.addMs.value >= 0)) {
        throw new RangeError(
          `${path}.effect.addMs.value must be ≥ 0 (got ${shown(effect.addMs.value)}): a fault adds latency; a multiply below 1 shortens it`,
        );
      }
    }
    if (!(Number.isFinite(effect.multiply) && effect.multiply >= 0)) {
      throw new RangeError(
        `${path}.effect.multiply must be a finite number >= 0 (got ${shown(effect.multiply)})`,
      );
    }
  }
}

/**
 * Throws naming the field path and the value when `config` is not what a run needs or breaks a rule of the
 * scenario format that its bounds do not cover: a missing object (`mesh`, `network`, a policy), no cluster, a
 * duplicate service or cluster name, a seed that breaks the scenario format's rule (`SEED_RULE`: a non-negative
 * integer up to 2^53 − 1 or a non-empty string), a
 * `queueDiscipline`, `kind`, `arrival`, retry condition, jitter or fault effect that is not one of its values, an
 * invalid distribution (service, think and network times, a fault's added latency), a call probability outside
 * [0, 1], a timeout that is neither > 0 nor Infinity, a rate schedule that does not
 * start at 0 or go forward, or a fault's time, duration, instances or error rate out of range.
 * A config from a scenario file always passes. Unknown extra fields are not looked at (typed code cannot write them).
 *
 * @example
 * ```ts
 * checkConfigValues(config); // RangeError: services.api.calls[0][0].probability must be ≤ 1 (got 2)
 * ```
 */
export function checkConfigValues(config: SimulationConfig): void {
  // The rule of a scenario's `seed` and `--seed` (SEED_RULE): no negative, fractional or unsafe integer seed.
  const seedWrong = seedProblem(config.seed);
  if (seedWrong !== null) throw new RangeError(`seed ${seedWrong}`);
  requireObject(config.mesh, 'mesh', 'a MeshConfig object (from resolveMeshConfig)');
  const shape: unknown = config.mesh.shape;
  if (typeof shape !== 'string') {
    throw new TypeError(`mesh.shape must be a string (got ${shown(shape)})`);
  }
  requireObject(config.network, 'network', 'a NetworkConfig object');
  for (const field of NETWORK_FIELDS) distribution(config.network[field], `network.${field}`);
  requireArray(config.clusters, 'clusters');
  if (config.clusters.length === 0)
    throw new RangeError('clusters must have at least one cluster (got none)');
  unique(
    config.clusters.map((cluster) => cluster.name),
    'clusters',
    'cluster',
  );
  requireArray(config.services, 'services');
  requireArray(config.traffic, 'traffic');
  requireArray(config.faults, 'faults');
  unique(
    config.services.map((service) => service.name),
    'services',
    'service',
  );
  for (const service of config.services) {
    const path = `services.${service.name}`;
    distribution(service.serviceTimeMs, `${path}.serviceTimeMs`);
    const probe = service.readinessProbe;
    if (probe !== undefined && probe !== null)
      requireObject(probe, `${path}.readinessProbe`, 'a ReadinessProbeConfig object or null');
    requireArray(service.calls, `${path}.calls`);
    service.calls.forEach((stage, i) => {
      requireArray(stage, `${path}.calls[${i}]`);
      stage.forEach((call, j) => {
        requireObject(call, `${path}.calls[${i}][${j}]`, 'a CallConfig object');
        checkPolicy(call.policy, `${path}.calls[${i}][${j}].policy`);
        const appRetry = call.appRetry;
        if (appRetry !== undefined && appRetry !== null)
          checkRetry(appRetry, `${path}.calls[${i}][${j}].appRetry`);
      });
    });
  }
  config.traffic.forEach((source, i) => {
    const path = `traffic[${i}]`;
    requireObject(source, path, 'a TrafficConfig object');
    oneOf(source.kind, ['open', 'closed'], `${path}.kind`);
    checkPolicy(source.policy, `${path}.policy`);
    if (source.kind === 'closed') {
      distribution(source.thinkTimeMs, `${path}.thinkTimeMs`);
      return;
    }
    checkSchedule(source.rate, `${path}.rate`);
  });
  config.faults.forEach((fault, i) => checkFault(fault, `faults[${i}]`));
  // Last: a call or source without a policy of its own shares this object, and is named first.
  checkPolicy(config.mesh.defaultPolicy, 'mesh.defaultPolicy');
}
