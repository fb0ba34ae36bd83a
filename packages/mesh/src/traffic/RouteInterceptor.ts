// One client's fault injection and mirroring on a route: decides per call (Envoy's fault filter runs
// once per request, before the router) whether to delay, abort or mirror it, and counts what it did.

import type { Engine, Random } from '@meshsim/engine';
import type { FaultInjectionConfig } from '../config/PolicyConfig.js';
import type { PolicyCounters } from '../ports/PolicyCounters.js';
import type { CallInterceptor, InterceptedCall } from '../call/RouteHooks.js';
import type { MirrorSender } from './MirrorRoute.js';

/**
 * Per call: with probability delay.percent/100 the first attempt leaves `delayMs` late; with
 * probability abort.percent/100 (drawn independently) the call fails with the abort status after
 * that delay, without contacting the server and without retries; otherwise, with probability
 * mirror.percent/100, a copy goes to the mirror target. Counters: `fault-delayed`,
 * `fault-aborted`, `mirrored` (only for the features in force).
 */
export class RouteInterceptor implements CallInterceptor {
  private delayed = 0;
  private aborted = 0;
  private mirrored = 0;

  constructor(
    private readonly engine: Engine,
    /** Fault injection in force on this client, or null. */
    private readonly fault: FaultInjectionConfig | null,
    private readonly faultRandom: Random,
    /** Mirroring in force on this client, or null. */
    private readonly mirror: MirrorSender | null,
  ) {}

  beforeCall(call: InterceptedCall): boolean {
    let delayMs = 0;
    const fault = this.fault;
    if (fault !== null) {
      if (fault.delay !== null && this.faultRandom() * 100 < fault.delay.percent) {
        delayMs = fault.delay.delayMs;
        this.delayed++;
      }
      if (fault.abort !== null && this.faultRandom() * 100 < fault.abort.percent) {
        this.aborted++;
        const status = fault.abort.status;
        if (delayMs > 0) this.engine.schedule(delayMs, status === 'error' ? onAbort500 : onAbort503, call);
        else call.abortByFault(status);
        return true;
      }
    }
    if (this.mirror !== null && this.mirror.maybeSend(call)) this.mirrored++;
    call.faultDelayMs = delayMs;
    return false;
  }

  collect(into: PolicyCounters): void {
    if (this.fault !== null) {
      into.events['fault-delayed'] = (into.events['fault-delayed'] ?? 0) + this.delayed;
      into.events['fault-aborted'] = (into.events['fault-aborted'] ?? 0) + this.aborted;
    }
    if (this.mirror !== null) into.events['mirrored'] = (into.events['mirrored'] ?? 0) + this.mirrored;
  }
}

// PERF: one module-level handler per status, the call as argument: no closure per aborted call.
function onAbort500(call: InterceptedCall): void {
  call.abortByFault('error');
}
function onAbort503(call: InterceptedCall): void {
  call.abortByFault('rejected');
}
