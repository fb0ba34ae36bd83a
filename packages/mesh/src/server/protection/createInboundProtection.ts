// Validates a service's `deadlinePropagation` and `inbound` settings, drops the ones its mesh shape
// cannot enforce (with a warning), and builds the run-time InboundProtection (or null when nothing applies).

import type { InboundPolicy } from '../../config/PolicyConfig.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { enforceOrWarn } from '../../ports/enforceOrWarn.js';
import type { EnforcementScope } from '../../ports/enforceOrWarn.js';
import type { Responder } from '../Responder.js';
import { InboundProtection } from './InboundProtection.js';
import type { InboundSettings } from './InboundProtection.js';
import type { ServiceRuntime } from '../ServiceRuntime.js';

function fail(service: string, field: string, value: unknown, rule: string): never {
  throw new Error(`service "${service}": ${field} ${rule} (got ${String(value)})`);
}

/**
 * Throws an error naming the field and value when `config`'s inbound policy is invalid:
 * rate > 0 and burst ≥ 1 (finite), scope `instance`|`service`; queue-timeout ≥ 0; CoDel target and
 * interval finite and > 0; allowed callers a list of names; each bulkhead an integer ≥ 1 naming a
 * service this one calls.
 */
export function validateInboundPolicy(config: ServiceConfig): void {
  const inbound: InboundPolicy | undefined = config.inbound;
  const name = config.name;
  if (inbound === undefined) return;
  const rate = inbound.rateLimit;
  if (rate !== null) {
    if (!(Number.isFinite(rate.ratePerSecond) && rate.ratePerSecond > 0))
      fail(name, 'inbound.rateLimit.ratePerSecond', rate.ratePerSecond, 'must be a finite number > 0');
    if (!(Number.isFinite(rate.burst) && rate.burst >= 1))
      fail(name, 'inbound.rateLimit.burst', rate.burst, 'must be a finite number >= 1');
    if (rate.scope !== 'instance' && rate.scope !== 'service')
      fail(name, 'inbound.rateLimit.scope', rate.scope, "must be 'instance' or 'service'");
  }
  const shedding = inbound.shedding;
  if (shedding !== null) {
    if (shedding.kind === 'queue-timeout') {
      if (!(shedding.timeoutMs >= 0))
        fail(name, 'inbound.shedding.timeoutMs', shedding.timeoutMs, 'must be a number >= 0');
    } else if (shedding.kind === 'codel') {
      if (!(Number.isFinite(shedding.targetMs) && shedding.targetMs > 0))
        fail(name, 'inbound.shedding.targetMs', shedding.targetMs, 'must be a finite number > 0');
      if (!(Number.isFinite(shedding.intervalMs) && shedding.intervalMs > 0))
        fail(name, 'inbound.shedding.intervalMs', shedding.intervalMs, 'must be a finite number > 0');
    } else {
      fail(
        name,
        'inbound.shedding.kind',
        (shedding as { kind: unknown }).kind,
        "must be 'queue-timeout' or 'codel'",
      );
    }
  }
  if (inbound.allowedCallers !== null) {
    for (const caller of inbound.allowedCallers)
      if (typeof caller !== 'string' || caller === '')
        fail(name, 'inbound.allowedCallers[]', caller, 'must be a non-empty service or traffic-source name');
  }
  const called = new Set(config.calls.flatMap((stage) => stage.map((c) => c.to)));
  for (const [target, maxConcurrent] of Object.entries(inbound.bulkheads)) {
    if (!(Number.isInteger(maxConcurrent) && maxConcurrent >= 1))
      fail(name, `inbound.bulkheads.${target}`, maxConcurrent, 'must be an integer >= 1');
    if (!called.has(target))
      fail(
        name,
        `inbound.bulkheads.${target}`,
        maxConcurrent,
        `names "${target}", which this service never calls`,
      );
  }
}

/**
 * The run-time inbound protection of `service`, or null when it asks for none (or for none its
 * server-side hop, of kind `enforcer`, can enforce; `scope` receives the warnings). Bulkheads are
 * client-side and built per caller by `createBulkhead`; they are only validated here.
 */
export function createInboundProtection(
  service: ServiceRuntime,
  enforcer: EnforcerKind,
  scope: EnforcementScope,
  responder: Responder,
): InboundProtection | null {
  const config = service.config;
  validateInboundPolicy(config);
  const inbound = config.inbound;
  const name = config.name;
  const settings: InboundSettings = {
    deadlines:
      config.deadlinePropagation === true && enforceOrWarn(scope, enforcer, 'deadline-propagation', name),
    allowedCallers:
      inbound !== undefined &&
      inbound.allowedCallers !== null &&
      enforceOrWarn(scope, enforcer, 'authorization', name)
        ? new Set(inbound.allowedCallers)
        : null,
    rateLimit:
      inbound !== undefined &&
      inbound.rateLimit !== null &&
      enforceOrWarn(scope, enforcer, 'rate-limit', name)
        ? inbound.rateLimit
        : null,
    shedding:
      inbound !== undefined && inbound.shedding !== null && enforceOrWarn(scope, enforcer, 'shedding', name)
        ? inbound.shedding
        : null,
  };
  if (
    !settings.deadlines &&
    settings.allowedCallers === null &&
    settings.rateLimit === null &&
    settings.shedding === null
  )
    return null;
  return new InboundProtection(service.stats, service.instances, responder, settings);
}
