// Linkerd failure accrual ("consecutive" mode): per endpoint, maxFailures consecutive failures mark
// it unavailable for an exponentially growing penalty, then one probe decides; all unavailable ⇒ 503.

import type { Random } from '@meshsim/engine';
import type { AttemptResult } from '../../config/AttemptResult.js';
import type { FailureAccrualConfig } from '../../config/PolicyConfig.js';
import type { Instance } from '../../server/Instance.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import type { PolicyCounters } from '../../ports/PolicyCounters.js';
import { isPolicyFailure } from '../policyFailure.js';
import {
  BREAKER_HALF_OPEN_PROBES,
  BREAKER_OPENED,
  BREAKER_OPEN_TIME,
  FAILURE_ACCRUAL_EJECTIONS,
} from '../policyEvents.js';
import { addCount, addTimeMs } from '../../ports/PolicyCounters.js';
import { checkFields } from '../../config/rules/checkFields.js';
import { FAILURE_ACCRUAL_RULES } from '../../config/rules/failureAccrualRules.js';
import { BreakerStateMachine } from './BreakerState.js';
import type { BreakerState, BreakerTransitionListener } from './BreakerState.js';
import { failureAccrualPenaltyMs } from './failureAccrualPenalty.js';

/** What failure accrual needs to know about the destination. */
export interface AccrualTarget {
  /** Every instance (indexed by `Instance.index`). */
  readonly instances: readonly Instance[];
  /** The endpoints callers currently route to. */
  readonly endpoints: readonly Instance[];
}

/**
 * Failure accrual of one caller towards one destination, one breaker per endpoint:
 * - closed: a failed attempt (isPolicyFailure) adds one consecutive failure, any other result resets
 *   the count; at `maxFailures` the endpoint opens for `failureAccrualPenaltyMs(iteration 0)`.
 * - open: the endpoint is unavailable (`isAvailable` false); responses are ignored.
 * - half-open (penalty over): available for exactly one probe attempt. The first response while the
 *   probe is out decides: success ⇒ closed (penalty sequence restarts), failure ⇒ open again with the
 *   next penalty (iteration + 1).
 * When every current endpoint is unavailable, `admit` fails the attempt with `breaker-open`
 * (Linkerd answers 503) instead of letting the balancer's panic mode pick an endpoint in penalty.
 */
export class FailureAccrual implements ClientPolicy {
  readonly name = 'failure-accrual';
  private readonly machines: BreakerStateMachine[] = [];
  private readonly failures: Int32Array;
  private readonly iterations: Int32Array;
  private readonly probeOut: Uint8Array;
  /** Endpoints not closed (open or half-open): when 0, `admit` has nothing to check. */
  private notClosed = 0;
  private probes = 0;

  constructor(
    private readonly config: FailureAccrualConfig,
    private readonly target: AccrualTarget,
    private readonly random: Random,
    path = 'failureAccrual',
    /** Observer of every endpoint's transitions, given the endpoint index (for tests). */
    listener:
      ((endpointIndex: number, ...transition: Parameters<BreakerTransitionListener>) => void) | null = null,
  ) {
    checkFields(FAILURE_ACCRUAL_RULES, config, path);
    const count = target.instances.length;
    for (let i = 0; i < count; i++) {
      this.machines.push(
        new BreakerStateMachine(listener === null ? null : (from, to, atMs) => listener(i, from, to, atMs)),
      );
    }
    this.failures = new Int32Array(count);
    this.iterations = new Int32Array(count);
    this.probeOut = new Uint8Array(count);
  }

  /** The breaker state of `instance` at `nowMs`. */
  stateOf(instance: Instance, nowMs: number): BreakerState {
    return this.machine(instance).stateAt(nowMs);
  }

  /** When the current penalty of `instance` ends [ms] (meaningful while it is open). */
  penaltyEndsAtMs(instance: Instance): number {
    return this.machine(instance).openUntilMs;
  }

  admit(_isRetry: boolean, nowMs: number): AttemptResult | null {
    if (this.notClosed === 0) return null;
    const endpoints = this.target.endpoints;
    if (endpoints.length === 0) return null;
    for (const instance of endpoints) if (this.isAvailable(instance, nowMs)) return null;
    return 'breaker-open';
  }

  mayExclude(): boolean {
    return this.notClosed > 0;
  }

  isAvailable(instance: Instance, nowMs: number): boolean {
    const state = this.machine(instance).stateAt(nowMs);
    if (state === 'closed') return true;
    return state === 'half-open' && this.probeOut[instance.index] === 0;
  }

  onAttemptStart(instance: Instance, _isRetry: boolean, nowMs: number): void {
    if (this.notClosed === 0) return; // PERF: every endpoint closed: no probe to mark
    const i = instance.index;
    if (this.machine(instance).stateAt(nowMs) === 'half-open' && this.probeOut[i] === 0) {
      this.probeOut[i] = 1;
      this.probes++;
    }
  }

  onAttemptEnd(
    instance: Instance,
    result: AttemptResult | 'timeout',
    _latencyMs: number,
    nowMs: number,
  ): void {
    const i = instance.index;
    const failed = isPolicyFailure(result);
    if (!failed && this.notClosed === 0) {
      // PERF: every endpoint closed and a success: only the consecutive count resets.
      this.failures[i] = 0;
      return;
    }
    const machine = this.machine(instance);
    switch (machine.stateAt(nowMs)) {
      case 'closed':
        if (!failed) {
          this.failures[i] = 0;
          return;
        }
        this.failures[i] = (this.failures[i] as number) + 1;
        if ((this.failures[i] as number) >= this.config.maxFailures) {
          this.failures[i] = 0;
          this.iterations[i] = 0;
          this.notClosed++;
          machine.open(nowMs, failureAccrualPenaltyMs(this.config, 0, this.random));
        }
        return;
      case 'open':
        return; // responses to requests sent before the penalty are ignored
      case 'half-open':
        if (this.probeOut[i] === 0) return;
        this.probeOut[i] = 0;
        if (failed) {
          const iteration = (this.iterations[i] as number) + 1;
          this.iterations[i] = iteration;
          machine.open(nowMs, failureAccrualPenaltyMs(this.config, iteration, this.random));
        } else {
          this.iterations[i] = 0;
          this.notClosed--;
          machine.close(nowMs);
        }
        return;
    }
  }

  collect(into: PolicyCounters, nowMs: number): void {
    let opened = 0;
    let openMs = 0;
    for (const machine of this.machines) {
      opened += machine.timesOpened;
      openMs += machine.openMsAt(nowMs);
    }
    addCount(into, BREAKER_OPENED, opened);
    addCount(into, FAILURE_ACCRUAL_EJECTIONS, opened);
    addTimeMs(into, BREAKER_OPEN_TIME, openMs);
    addCount(into, BREAKER_HALF_OPEN_PROBES, this.probes);
  }

  private machine(instance: Instance): BreakerStateMachine {
    const machine = this.machines[instance.index];
    if (machine === undefined) {
      throw new Error(
        `FailureAccrual: instance index ${instance.index} out of range (${this.machines.length})`,
      );
    }
    return machine;
  }
}
