// Registers the retry budgets and circuit breakers of `target.config.destination` (retryBudget,
// connectionPool, failureAccrual, errorRateBreaker) for one caller, subject to the capability matrix.

import type { CallerRef } from '../topology/CallerRef.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { ConnectionPoolDefaults } from '../config/MeshConfig.js';
import type { ConnectionPoolConfig, ConnectionPoolThreshold } from '../config/PolicyConfig.js';
import type { PolicyContext } from './PolicyContext.js';
import { ErrorRateBreaker } from './breakers/ErrorRateBreaker.js';
import { EnvoyThresholds } from './breakers/EnvoyThresholds.js';
import { FailureAccrual } from './breakers/FailureAccrual.js';
import { enforceOrWarn } from '../ports/enforceOrWarn.js';
import { createRetryBudget } from './retryBudgets/createRetryBudget.js';
import { EnvoyRetryBudget } from './retryBudgets/EnvoyRetryBudget.js';

const THRESHOLDS: readonly ConnectionPoolThreshold[] = [
  'maxConnections',
  'maxPendingRequests',
  'maxRequests',
  'maxRetries',
];

/** Envoy's default `max_retries`: what applies under Consul, whose `Limits` cannot set it. */
const ENVOY_MAX_RETRIES = 3;

/**
 * Why a written threshold is not a plain limit of the mesh's proxies (`poolWithMeshDefaults` tells `onOverride`):
 * `zero-is-unset` — Istio's 0 (replaced by no limit); `not-consuls` — a `maxRetries` under Consul (replaced by 3);
 * `zero-runs-as-one` — Envoy's `maxConnections: 0`, which still opens a connection (EnvoyThresholds runs it as 1);
 * `zero-refuses-all` — Envoy's `maxRequests: 0`, a limit that refuses every request.
 */
export type PoolOverride = 'zero-is-unset' | 'not-consuls' | 'zero-runs-as-one' | 'zero-refuses-all';

/**
 * `pool` as the mesh's proxies run it. Under Istio (`istio`), a threshold the scenario left unwritten is 2³²−1 — no
 * limit — as istiod programs it, not Envoy's 1024 / 3; and so is one written as 0, which istiod cannot tell from an
 * unset field (`applyConnectionPool` applies only thresholds above 0). Under Consul (`consul`), `maxRetries` is
 * Envoy's 3 whatever is written: Consul's `Limits` have no max_retries. Elsewhere Envoy's defaults stand, and a 0 is
 * Envoy's limit of 0, except `maxConnections`, whose 0 runs as 1 (EnvoyThresholds). `onOverride` is told each
 * written threshold replaced, and why, and of those 0s elsewhere (a `maxConnections` of 0, a `maxRequests` of 0, which
 * refuses every request).
 */
export function poolWithMeshDefaults(
  pool: ConnectionPoolConfig,
  defaults: ConnectionPoolDefaults,
  onOverride?: (field: ConnectionPoolThreshold, why: PoolOverride) => void,
): ConnectionPoolConfig {
  const written = (field: ConnectionPoolThreshold) => pool.fromDefault?.includes(field) !== true;
  if (defaults !== 'istio') {
    warnEnvoyZeros(pool, onOverride);
    if (defaults === 'envoy' || pool.maxRetries === ENVOY_MAX_RETRIES) return pool;
    if (written('maxRetries')) onOverride?.('maxRetries', 'not-consuls');
    return { ...pool, maxRetries: ENVOY_MAX_RETRIES };
  }
  const unset = THRESHOLDS.filter((field) => pool[field] === 0 || !written(field));
  if (unset.length === 0) return pool;
  const resolved = { ...pool };
  for (const field of unset) {
    if (written(field)) onOverride?.(field, 'zero-is-unset');
    resolved[field] = Infinity;
  }
  return resolved;
}

/**
 * Tells `onOverride` of the 0s Envoy does not run as a plain limit of 0: a `maxConnections` of 0 runs as 1
 * (EnvoyThresholds), and a `maxRequests` of 0 refuses every request.
 */
function warnEnvoyZeros(
  pool: ConnectionPoolConfig,
  onOverride?: (field: ConnectionPoolThreshold, why: PoolOverride) => void,
): void {
  if (pool.maxConnections === 0) onOverride?.('maxConnections', 'zero-runs-as-one');
  if (pool.maxRequests === 0) onOverride?.('maxRequests', 'zero-refuses-all');
}

/** The reason a written threshold is not a plain limit of the mesh's proxies, for its warning. */
function overrideReason(shape: string, why: PoolOverride): string {
  switch (why) {
    case 'zero-is-unset':
      return `under ${shape}, 0 is unset: istiod leaves the threshold at 2³²−1 (unlimited); write 1 or more to limit`;
    case 'not-consuls':
      return (
        `${shape} does not configure it (Consul's service-defaults Limits have no max_retries, only ` +
        `MaxConnections, MaxPendingRequests and MaxConcurrentRequests): Envoy's default of ${ENVOY_MAX_RETRIES} ` +
        'concurrent retries applies; not applied'
      );
    case 'zero-runs-as-one':
      return (
        `under ${shape}, 0 runs as 1: Envoy opens a connection to an endpoint whose pool has none whatever the ` +
        'limit; write 1 or more'
      );
    case 'zero-refuses-all':
      return (
        `under ${shape}, 0 is a limit of 0: Envoy refuses every request to it (503, overflow); write 1 or more to ` +
        'let requests through'
      );
  }
}

/** The warning at a written threshold the mesh's proxies do not run (`poolWithMeshDefaults`). */
function poolOverridden(
  context: PolicyContext,
  target: string,
  field: ConnectionPoolThreshold,
  why: PoolOverride,
): void {
  context.warnings.add(
    `connectionPool.${field} of service "${target}": ${overrideReason(context.shape, why)}`,
    ['services', target, 'destinationPolicy', 'connectionPool', field],
  );
}

/**
 * Appends to `into` the budget and breaker policies `caller` applies to `target`, in hook order:
 * error-rate breaker, failure accrual (both refuse before anything counts the attempt), Envoy
 * thresholds, then the retry gates — Envoy `max_retries` (only without an Envoy retry budget, which
 * replaces it) before the configured budget, so a budget withdraws only for retries the others allow.
 * A policy the caller's hop cannot enforce is skipped with a warning.
 */
export function addBudgetsAndBreakers(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
  into: ClientPolicy[],
): void {
  const destination = target.config.destination;
  if (destination === undefined) return;
  const { retryBudget, connectionPool, failureAccrual, errorRateBreaker } = destination;
  if (
    retryBudget === null &&
    connectionPool === null &&
    failureAccrual === null &&
    errorRateBreaker === null
  ) {
    return;
  }
  const enforcer = context.clientEnforcer(caller, target.name);
  const path = `services.${target.name}.destination`;
  const written = (field: string) => ['services', target.name, 'destinationPolicy', field];
  const can = (policy: Parameters<typeof enforceOrWarn>[2], field: string): boolean =>
    enforceOrWarn(context, enforcer, policy, target.name, written(field));

  if (errorRateBreaker !== null && can('error-rate-breaker', 'errorRateBreaker')) {
    into.push(new ErrorRateBreaker(errorRateBreaker, `${path}.errorRateBreaker`));
  }
  if (failureAccrual !== null && can('failure-accrual', 'failureAccrual')) {
    const random = context.streams.unique(`failure-accrual/${caller.name}#${caller.key}->${target.name}`);
    into.push(new FailureAccrual(failureAccrual, target, random, `${path}.failureAccrual`));
  }
  const budgetOn = retryBudget !== null && can('retry-budget', 'retryBudget');
  if (connectionPool !== null && can('connection-pool', 'connectionPool')) {
    const pool = poolWithMeshDefaults(connectionPool, context.connectionPoolDefaults, (field, why) =>
      poolOverridden(context, target.name, field, why),
    );
    into.push(new EnvoyThresholds(pool, `${path}.connectionPool`));
    if (!(budgetOn && retryBudget.kind === 'envoy')) {
      into.push(EnvoyRetryBudget.maxRetries(pool.maxRetries, `${path}.connectionPool`));
    }
  }
  if (budgetOn) into.push(createRetryBudget(retryBudget, `${path}.retryBudget`));
}
