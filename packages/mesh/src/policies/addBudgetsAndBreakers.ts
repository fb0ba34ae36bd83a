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

/**
 * `pool` as the mesh's proxies run it. Under Istio (`istio`), a threshold the scenario left unwritten is 2³²−1 — no
 * limit — as istiod programs it, not Envoy's 1024 / 3; and so is one written as 0, which istiod cannot tell from an
 * unset field (`applyConnectionPool` applies only thresholds above 0): `onZero` is told each such field. Elsewhere
 * Envoy's defaults stand, and a 0 is Envoy's limit of 0.
 */
export function poolWithMeshDefaults(
  pool: ConnectionPoolConfig,
  defaults: ConnectionPoolDefaults,
  onZero?: (field: ConnectionPoolThreshold) => void,
): ConnectionPoolConfig {
  if (defaults === 'envoy') return pool;
  const unset = THRESHOLDS.filter((field) => pool[field] === 0 || pool.fromDefault?.includes(field) === true);
  if (unset.length === 0) return pool;
  const resolved = { ...pool };
  for (const field of unset) {
    if (pool[field] === 0 && pool.fromDefault?.includes(field) !== true) onZero?.(field);
    resolved[field] = Infinity;
  }
  return resolved;
}

/** The warning at a threshold written as 0 under Istio's shapes: istiod reads it as unset. */
function zeroIsUnset(context: PolicyContext, target: string, field: ConnectionPoolThreshold): void {
  context.warnings.add(
    `connectionPool.${field} of service "${target}": under ${context.shape}, 0 is unset: istiod leaves the threshold ` +
      'at 2³²−1 (unlimited); write 1 or more to limit',
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
    const pool = poolWithMeshDefaults(connectionPool, context.connectionPoolDefaults, (field) =>
      zeroIsUnset(context, target.name, field),
    );
    into.push(new EnvoyThresholds(pool, `${path}.connectionPool`));
    if (!(budgetOn && retryBudget.kind === 'envoy')) {
      into.push(EnvoyRetryBudget.maxRetries(pool.maxRetries, `${path}.connectionPool`));
    }
  }
  if (budgetOn) into.push(createRetryBudget(retryBudget, `${path}.retryBudget`));
}
