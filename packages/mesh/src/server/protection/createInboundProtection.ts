// Validates a service's `deadlinePropagation` and `inbound` settings, drops the ones its mesh shape
// cannot enforce (with a warning), and builds the run-time InboundProtection (or null when nothing applies).

import type { InboundPolicy } from '../../config/PolicyConfig.js';
import type { ServiceConfig } from '../../config/SimulationConfig.js';
import type { EnforcerKind } from '../../config/capabilities.js';
import { enforceOrWarn } from '../../ports/enforceOrWarn.js';
import type { EnforcementScope } from '../../ports/enforceOrWarn.js';
import type { Responder } from '../Responder.js';
import { BULKHEAD_RULES } from '../../config/rules/bulkheadRules.js';
import { checkField, checkFields } from '../../config/rules/checkFields.js';
import { RATE_LIMIT_RULES } from '../../config/rules/rateLimitRules.js';
import { CODEL_RULES, QUEUE_TIMEOUT_RULES } from '../../config/rules/sheddingRules.js';
import { InboundProtection } from './InboundProtection.js';
import type { InboundSettings } from './InboundProtection.js';
import type { ServiceRuntime } from '../ServiceRuntime.js';

/** The one row of BULKHEAD_RULES: the cap under a downstream service's name. */
const BULKHEAD_ROW = BULKHEAD_RULES.rows[0];

function fail(service: string, field: string, value: unknown, rule: string): never {
  throw new Error(`service "${service}": ${field} ${rule} (got ${String(value)})`);
}

/**
 * Throws an error naming the service, the field and the value when `config`'s inbound policy is
 * invalid: the rate limit, the shedding parameters and each bulkhead against their rule tables
 * (RATE_LIMIT_RULES, QUEUE_TIMEOUT_RULES, CODEL_RULES, BULKHEAD_RULES); allowed callers a list of
 * names; each bulkhead naming a service this one calls.
 */
export function validateInboundPolicy(config: ServiceConfig): void {
  const inbound: InboundPolicy | undefined = config.inbound;
  const name = config.name;
  if (inbound === undefined) return;
  const where = `service "${name}": inbound`;
  if (inbound.rateLimit !== null) checkFields(RATE_LIMIT_RULES, inbound.rateLimit, `${where}.rateLimit`);
  const shedding = inbound.shedding;
  if (shedding !== null) {
    if (shedding.kind === 'queue-timeout') {
      checkFields(QUEUE_TIMEOUT_RULES, shedding, `${where}.shedding`);
    } else if (shedding.kind === 'codel') {
      checkFields(CODEL_RULES, shedding, `${where}.shedding`);
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
    checkField(BULKHEAD_ROW, maxConcurrent, `${where}.bulkheads.${target}`);
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
 * client-side and built per caller by `createBulkhead`; they are only validated here. `proxyBuckets`: the
 * shared proxies that enforce its local rate limit, a bucket each (`DataPlane.inboundEnforcerSlots`); 0: per instance.
 */
export function createInboundProtection(
  service: ServiceRuntime,
  enforcer: EnforcerKind,
  scope: EnforcementScope,
  responder: Responder,
  proxyBuckets = 0,
): InboundProtection | null {
  const config = service.config;
  validateInboundPolicy(config);
  const inbound = config.inbound;
  const name = config.name;
  const inboundField = (field: string) => ['services', name, 'inbound', field];
  const settings: InboundSettings = {
    deadlines:
      config.deadlinePropagation === true &&
      enforceOrWarn(scope, enforcer, 'deadline-propagation', name, ['services', name, 'deadlinePropagation']),
    allowedCallers:
      inbound !== undefined &&
      inbound.allowedCallers !== null &&
      enforceOrWarn(scope, enforcer, 'authorization', name, inboundField('allowedCallers'))
        ? new Set(inbound.allowedCallers)
        : null,
    rateLimit:
      inbound !== undefined &&
      inbound.rateLimit !== null &&
      enforceOrWarn(scope, enforcer, 'rate-limit', name, inboundField('rateLimit'))
        ? inbound.rateLimit
        : null,
    shedding:
      inbound !== undefined &&
      inbound.shedding !== null &&
      enforceOrWarn(scope, enforcer, 'shedding', name, inboundField('shedding'))
        ? inbound.shedding
        : null,
    proxyBuckets,
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
