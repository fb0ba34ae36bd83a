// Bulkhead (resilience4j SemaphoreBulkhead style): a caller instance may have at most N calls in
// flight to one downstream service; a call beyond the cap fails at once with a local 503.

import type { AttemptResult } from '../config/AttemptResult.js';
import type { CallerRef } from '../topology/CallerRef.js';
import { BULKHEAD_RULES } from '../config/rules/bulkheadRules.js';
import { checkField } from '../config/rules/checkFields.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import { enforceOrWarn } from '../ports/enforceOrWarn.js';
import { BulkheadSlots } from './BulkheadSlots.js';
import type { PolicyContext } from './PolicyContext.js';

/**
 * Bulkhead hooks for one UpstreamClient. Several clients of the same caller instance towards the
 * same service (two call-plan entries) share one {@link BulkheadSlots}. A call takes a slot when it
 * starts and frees it when it ends; its first attempt is refused with `'breaker-open'` when the
 * call made the count exceed the cap (retries of an admitted call are never refused).
 */
export class Bulkhead implements ClientPolicy {
  readonly name = 'bulkhead';
  private rejected = 0;

  constructor(private readonly slots: BulkheadSlots) {}

  onCallStart(): void {
    this.slots.active++;
  }

  onCallEnd(): void {
    this.slots.active--;
  }

  admit(isRetry: boolean): AttemptResult | null {
    // onCallStart of this very call ran just before (synchronously), so `active` includes it.
    if (isRetry || this.slots.active <= this.slots.maxConcurrent) return null;
    this.rejected++;
    return 'breaker-open';
  }

  collect(into: PolicyCounters): void {
    if (this.rejected > 0)
      into.events['bulkhead-rejected'] = (into.events['bulkhead-rejected'] ?? 0) + this.rejected;
  }
}

/**
 * The bulkhead `caller` applies to calls to `target`, from the calling service's
 * `inbound.bulkheads[target]`, or null when none is set, the caller is a traffic source, or the
 * caller's hop cannot enforce bulkheads (then a warning is added).
 */
export function createBulkhead(
  context: PolicyContext,
  caller: CallerRef,
  target: ServiceRuntime,
): Bulkhead | null {
  if (caller.service === null) return null;
  const bulkheads = context.bulkheadsOf(caller.service);
  if (bulkheads === undefined || !Object.hasOwn(bulkheads, target.name)) return null;
  const maxConcurrent = bulkheads[target.name] as number;
  checkField(
    BULKHEAD_RULES.rows[0],
    maxConcurrent,
    `service "${caller.service}": inbound.bulkheads.${target.name}`,
  );
  const field = ['services', caller.service, 'inbound', 'bulkheads', target.name];
  if (!enforceOrWarn(context, context.clientEnforcer(caller, target.name), 'bulkhead', caller.service, field))
    return null;
  const registry = context.bulkheadSlots;
  const key = `${caller.key}\u0000${target.name}`;
  let slots = registry.get(key);
  if (slots === undefined) {
    slots = new BulkheadSlots(maxConcurrent);
    registry.set(key, slots);
  }
  return new Bulkhead(slots);
}
