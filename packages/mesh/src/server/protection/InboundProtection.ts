// A service's inbound protections at run time: authorization (403), local rate limit (429), deadline
// checks (504) on arrival, and load shedding (503) plus expired-deadline drops at dequeue.

import type { AttemptResult } from '../../config/AttemptResult.js';
import type { RateLimitConfig, SheddingConfig } from '../../config/PolicyConfig.js';
import { CoDel } from './CoDel.js';
import type { SheddableQueue } from './CoDel.js';
import { TokenBucket } from './TokenBucket.js';
import type { ServiceStats } from '../../ports/ServiceStats.js';
import type { InboundRequest } from '../InboundRequest.js';
import type { InboundGate, Instance } from '../Instance.js';
import type { Responder } from '../Responder.js';
import type { ServerRequest } from '../ServerRequest.js';

/** The protections that passed validation and the capability check, ready to build. */
export interface InboundSettings {
  /** Honour propagated deadlines and cancellations. */
  readonly deadlines: boolean;
  /** Callers allowed in (service or traffic-source names); null = everyone. */
  readonly allowedCallers: ReadonlySet<string> | null;
  readonly rateLimit: RateLimitConfig | null;
  readonly shedding: SheddingConfig | null;
  /**
   * Shared proxies enforcing the rate limit (a waypoint's replicas, Cilium's node Envoys), one bucket each,
   * chosen by a request's `enforcerSlot`; 0: the service's own hop, a bucket per instance.
   */
  readonly proxyBuckets: number;
}

/** An instance's waiting queue as CoDel sees it: taking goes through the instance, drops answer 503. */
class InstanceQueue implements SheddableQueue<ServerRequest> {
  constructor(
    private readonly instance: Instance,
    private readonly owner: InboundProtection,
  ) {}

  get length(): number {
    return this.instance.waitingCount;
  }

  take(): ServerRequest | undefined {
    return this.instance.takeWaiting();
  }

  drop(request: ServerRequest): void {
    this.owner.shed(this.instance, request);
  }
}

/**
 * Inbound protections of one service (all its instances). Order on arrival, as in a proxy's filter
 * chain followed by the application: authorization, rate limit, then the deadline check. Refused
 * requests cost no service time and never queue.
 */
export class InboundProtection implements InboundGate {
  /** Whether this service honours propagated deadlines and cancellations. */
  readonly deadlines: boolean;
  private readonly allowedCallers: ReadonlySet<string> | null;
  /** One bucket shared by the service (`scope: 'service'`), or null. */
  private readonly serviceBucket: TokenBucket | null;
  /** One bucket per instance (`scope: 'instance'`), indexed by instance index; empty otherwise. */
  private readonly instanceBuckets: TokenBucket[];
  /** One bucket per enforcing shared proxy (`scope: 'instance'` behind one), by slot; empty otherwise. */
  private readonly proxyBuckets: TokenBucket[];
  private readonly queueTimeoutMs: number;
  /** One CoDel controller and queue adapter per instance (`kind: 'codel'`); empty otherwise. */
  private readonly codels: CoDel[];
  private readonly queues: InstanceQueue[];

  constructor(
    private readonly stats: ServiceStats,
    /** The service's instances, in placement order (buckets and CoDel state are per instance). */
    instances: readonly Instance[],
    private readonly responder: Responder,
    settings: InboundSettings,
  ) {
    this.deadlines = settings.deadlines;
    this.allowedCallers = settings.allowedCallers;
    const rate = settings.rateLimit;
    this.serviceBucket =
      rate !== null && rate.scope === 'service' ? new TokenBucket(rate.ratePerSecond, rate.burst) : null;
    this.instanceBuckets =
      rate !== null && rate.scope === 'instance'
        ? instances.map(() => new TokenBucket(rate.ratePerSecond, rate.burst))
        : [];
    this.proxyBuckets =
      rate !== null && rate.scope === 'instance'
        ? Array.from({ length: settings.proxyBuckets }, () => new TokenBucket(rate.ratePerSecond, rate.burst))
        : [];
    const shedding = settings.shedding;
    this.queueTimeoutMs =
      shedding !== null && shedding.kind === 'queue-timeout' ? shedding.timeoutMs : Infinity;
    this.codels =
      shedding !== null && shedding.kind === 'codel'
        ? instances.map(() => new CoDel(shedding.targetMs, shedding.intervalMs))
        : [];
    this.queues = this.codels.map((_, index) => new InstanceQueue(instances[index] as Instance, this));
  }

  /**
   * Checks a request arriving at `instance`. Returns true to let it in; otherwise the request has
   * been answered (403, 429, 504) or silently dropped (its caller already cancelled it) and counted.
   */
  admit(instance: Instance, attempt: InboundRequest, nowMs: number): boolean {
    const stats = this.stats;
    let refusal: AttemptResult | null = null;
    if (this.allowedCallers !== null && !this.allowedCallers.has(attempt.callerName)) {
      stats.denied++;
      refusal = 'denied';
    } else if (this.serviceBucket !== null || this.instanceBuckets.length > 0) {
      // Behind a shared proxy, the bucket of the one the request passed (a request that passed none: its instance's).
      const slot = attempt.enforcerSlot;
      const bucket =
        this.serviceBucket ??
        (slot >= 0 && slot < this.proxyBuckets.length
          ? (this.proxyBuckets[slot] as TokenBucket)
          : (this.instanceBuckets[instance.index] as TokenBucket));
      if (!bucket.tryTake(nowMs)) {
        stats.rateLimited++;
        refusal = 'rate-limited';
      }
    }
    if (refusal === null && this.deadlines) {
      if (attempt.abandoned) {
        // The caller reset the stream while the request was on its way: nothing to answer.
        stats.cancelled++;
        return false;
      }
      if (nowMs >= attempt.deadlineMs) {
        stats.deadlineDropped++;
        refusal = 'deadline-exceeded';
      }
    }
    if (refusal === null) return true;
    this.responder.sendResponse(attempt, refusal);
    return false;
  }

  /**
   * The next waiting request `instance` should serve at `nowMs`, answering the ones it drops on
   * the way: CoDel drops (503), expired deadlines (504), then queue-timeout drops (503).
   */
  next(instance: Instance, nowMs: number): ServerRequest | undefined {
    const codel = this.codels.length > 0 ? (this.codels[instance.index] as CoDel) : null;
    for (;;) {
      const request =
        codel === null
          ? instance.takeWaiting()
          : codel.dequeue(this.queues[instance.index] as InstanceQueue, nowMs);
      if (request === undefined) return undefined;
      if (this.deadlines && nowMs >= request.attempt.deadlineMs) {
        this.stats.deadlineDropped++;
        instance.dropQueued(request, 'deadline-exceeded');
        continue;
      }
      if (nowMs - request.arrivedMs > this.queueTimeoutMs) {
        this.shed(instance, request);
        continue;
      }
      return request;
    }
  }

  /** @internal Answers a shed request with 503 and counts it. */
  shed(instance: Instance, request: ServerRequest): void {
    this.stats.shed++;
    instance.dropQueued(request, 'rejected');
  }
}
