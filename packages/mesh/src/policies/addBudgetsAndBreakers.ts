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

/** Why a written threshold is not what the mesh's proxies run (`poolWithMeshDefaults` tells `onOverride`). */
export type PoolOverride = 'zero-is-unset' | 'not-consuls';

/**
 * `pool` as the mesh's proxies run it. Under Istio (`istio`), a threshold the scenario left unwritten is 2³²−1 — no
 * limit — as istiod programs it, not Envoy's 1024 / 3; and so is one written as 0, which istiod cannot tell from an
 * unset field (`applyConnectionPool` applies only thresholds above 0). Under Consul (`consul`), `maxRetries` is
 * Envoy's 3 whatever is written: Consul's `Limits` have no max_retries. Elsewhere Envoy's defaults stand, and a 0 is
 * Envoy's limit of 0. `onOverride` is told each written threshold replaced, and why.
 */
export function poolWithMeshDefaults(
  pool: ConnectionPoolConfig,
  defaults: ConnectionPoolDefaults,
  onOverride?: (field: ConnectionPoolThreshold, why: PoolOverride) => void,
): ConnectionPoolConfig {
  const written = (field: ConnectionPoolThreshold) => pool.fromDefault?.includes(field) !== true;
  if (defaults === 'consul') {
    if (pool.maxRetries === ENVOY_MAX_RETRIES) return pool;
    if (written('maxRetries')) onOverride?.('maxRetries', 'not-consuls');
    return { ...pool, maxRetries: ENVOY_MAX_RETRIES };
  }
  if (defaults === 'envoy') return pool;
  const unset = THRESHOLDS.filter((field) => pool[field] === 0 || !written(field));
  if (unset.length === 0) return pool;
  const resolved = { ...pool };
  for (const field of unset) {
    if (written(field)) onOverride?.(field, 'zero-is-unset');
    resolved[field] = Infinity;
  }
  return resolved;
}

/** The warning at a written threshold the mesh's proxies do not run (`poolWithMeshDefaults`). */
function poolOverridden(
  context: PolicyContext,
  target: string,
  field: ConnectionPoolThreshold,
  why: PoolOverride,
): void {
  const reason =
    why === 'zero-is-unset'
      ? `under ${context.shape}, 0 is unset: istiod leaves the threshold at 2³²−1 (unlimited); write 1 or more to limit`
      : `${context.shape} does not configure it (Consul's service-defaults Limits have no max_retries, only ` +
        `MaxConnections, MaxPendingRequests and MaxConcurrentRequests): Envoy's default of ${ENVOY_MAX_RETRIES} ` +
        'concurrent retries applies; not applied';
  context.warnings.add(`connectionPool.${field} of service "${target}": ${reason}`, [
    'services',
    target,
    'destinationPolicy',
    'connectionPool',
    field,
  ]);
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
