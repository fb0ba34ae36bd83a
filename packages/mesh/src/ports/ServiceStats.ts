// Counters of one service over all its instances, with a busy-worker integral for utilisation.

import { LatencyHistogram } from '@meshsim/engine';

/** Mutable counters of one service. */
export class ServiceStats {
  arrived = 0;
  completed = 0;
  rejected = 0;
  errors = 0;
  wasted = 0;
  /** Refused with 429 by the inbound rate limit. */
  rateLimited = 0;
  /** Refused with 403 by the inbound authorization policy. */
  denied = 0;
  /** Dropped from the queue with 503 by load shedding (queue timeout or CoDel). */
  shed = 0;
  /** Dropped with 504 because their propagated deadline had passed (on arrival or when dequeued). */
  deadlineDropped = 0;
  /** Cancelled because their caller gave up (deadline propagation): left the queue or stopped in service. */
  cancelled = 0;
  maxQueueLength = 0;
  /** CPU work of the service's own processing so far [ms of one core] (service time × its CPU share). */
  cpuMs = 0;
  /** Waiting requests over all instances right now. */
  queueLength = 0;
  /** Busy workers over all instances right now. */
  busy = 0;
  /** ∫ busy dt up to `lastChangeMs` [worker·ms]. */
  busyArea = 0;
  lastChangeMs = 0;
  readonly latency = new LatencyHistogram();
  intervalCompleted = 0;
  intervalRejected = 0;

  /** Adds `delta` busy workers at time `nowMs`. */
  changeBusy(nowMs: number, delta: number): void {
    this.busyArea += this.busy * (nowMs - this.lastChangeMs);
    this.lastChangeMs = nowMs;
    this.busy += delta;
  }

  /** ∫ busy dt up to `nowMs` [worker·ms]. */
  busyAreaAt(nowMs: number): number {
    return this.busyArea + this.busy * (nowMs - this.lastChangeMs);
  }
}
