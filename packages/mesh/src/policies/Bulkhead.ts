// Bulkhead (resilience4j SemaphoreBulkhead style): a caller instance may have at most N calls in
// flight to one downstream service; a call beyond the cap fails at once with a local 503.

import type { AttemptResult } from '../call/AttemptResult.js';
import type { CallerRef } from '../call/CallerRef.js';
import { BULKHEAD_RULES } from '../config/rules/bulkheadRules.js';
import { checkField } from '../config/rules/checkFields.js';
import type { World } from '../internal/World.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import type { ClientPolicy, PolicyCounters } from './ClientPolicy.js';
import { enforceOrWarn } from './enforceOrWarn.js';

/** The concurrency slots one caller instance has towards one downstream service. */
export class BulkheadSlots {
  /** Calls in flight now (including retries' waits; a call counts from start to end). */
  active = 0;
  constructor(readonly maxConcurrent: number) {}
}

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
    if (this.rejected > 0) into['bulkhead-rejected'] = (into['bulkhead-rejected'] ?? 0) + this.rejected;
  }
}

/** Shared slots per (caller instance, downstream service), per simulation run. */
const slotsByWorld = new WeakMap<World, Map<string, BulkheadSlots>>();

/**
 * The bulkhead `caller` applies to calls to `target`, from the calling service's
 * `inbound.bulkheads[target]`, or null when none is set, the caller is a traffic source, or the
 * caller's hop cannot enforce bulkheads (then a warning is added).
 */
export function createBulkhead(world: World, caller: CallerRef, target: ServiceRuntime): Bulkhead | null {
  if (caller.service === null) return null;
  const bulkheads = world.service(caller.service).config.inbound?.bulkheads;
  if (bulkheads === undefined || !Object.hasOwn(bulkheads, target.name)) return null;
  const maxConcurrent = bulkheads[target.name] as number;
  checkField(
    BULKHEAD_RULES.rows[0],
    maxConcurrent,
    `service "${caller.service}": inbound.bulkheads.${target.name}`,
  );
  if (!enforceOrWarn(world, world.dataPlane.clientEnforcer(caller, target.name), 'bulkhead', caller.service))
    return null;
  let registry = slotsByWorld.get(world);
  if (registry === undefined) {
    registry = new Map();
    slotsByWorld.set(world, registry);
  }
  const key = `${caller.key}\u0000${target.name}`;
  let slots = registry.get(key);
  if (slots === undefined) {
    slots = new BulkheadSlots(maxConcurrent);
    registry.set(key, slots);
  }
  return new Bulkhead(slots);
}
