// linkerd2-proxy's per-endpoint reconnect: an endpoint whose connection failed is not ready while the proxy backs off
// and reconnects, and its P2C balancer picks only ready endpoints (docs/sources.md#linkerd-reconnect).

import type { Random } from '@meshsim/engine';
import type { ClientPolicy } from '../call/ClientPolicy.js';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { Instance } from '../server/Instance.js';

/** A jittered exponential backoff: the k-th wait is min(min × 2^k, max) plus up to `jitter` × that (linkerd exp-backoff). */
export interface ReconnectBackoff {
  readonly minMs: number;
  readonly maxMs: number;
  readonly jitter: number;
}

/** linkerd2-proxy's outbound connect backoff default: 100 ms, up to 60 s, jitter 0.1 (`DEFAULT_OUTBOUND_CONNECT_BACKOFF`). */
export const LINKERD_CONNECT_BACKOFF: ReconnectBackoff = { minMs: 100, maxMs: 60_000, jitter: 0.1 };

/** No reconnect under way for the endpoint: it is connected (or was never tried), so ready. */
const CONNECTED = -1;

/**
 * How a new connection to `instance` would end now: accepted, refused at once (its sidecar — or, without one, its
 * application — is down on a node that is up), or unanswered until the connect timeout (its node is off).
 */
function connectOutcome(instance: Instance): 'accepted' | 'refused' | 'unanswered' {
  if (instance.node.unreachable) return 'unanswered';
  const server = instance.inboundProxy;
  return (server === null ? instance.up : server.up) ? 'accepted' : 'refused';
}

/**
 * The reconnect state of one linkerd2-proxy's endpoints of one destination (linkerd `Reconnect`, one per endpoint):
 * - a connect that failed (`connect-failure`: refused, or its connect timeout passed) puts the endpoint in backoff: it
 *   is not ready, so picks skip it, for the backoff's next wait; then the proxy reconnects in the background (no
 *   request rides on it): refused again, it backs off for the following wait (a timed-out connect first costs the
 *   connect timeout); accepted, it is ready and its backoff starts over;
 * - a connection lost under a request (`reset`) makes the proxy reconnect at once (no wait before the first try).
 * Reconnects are judged lazily, at the picks after their time, by the endpoint's state then (PERF: no timer events).
 * A request already bound to an endpoint when its connection fails fails as before. When every endpoint is in
 * backoff, the request waits in the balancer's queue until one is ready, or fails at its failfast timeout
 * (call/BalancerQueue.ts), which rechecks at the reconnects' times (`readyAgainAtMs`).
 */
export class LinkerdReconnect implements ClientPolicy {
  readonly name = 'linkerd-reconnect';
  /** By `Instance.index`: when the endpoint's next reconnect is made [ms], or CONNECTED. */
  private readonly nextTryMs: number[] = [];
  /** By `Instance.index`: how many waits its current backoff has taken. */
  private readonly waits: number[] = [];
  /** Endpoints not connected now (in backoff or about to reconnect): when 0, picks skip `isAvailable`. */
  private reconnecting = 0;

  constructor(
    private readonly random: Random,
    /** The proxy's connect timeout [ms]: what a reconnect to a node that is off costs before it fails. */
    private readonly connectTimeoutMs: number,
    private readonly backoff: ReconnectBackoff = LINKERD_CONNECT_BACKOFF,
  ) {}

  mayExclude(): boolean {
    return this.reconnecting > 0;
  }

  isAvailable(instance: Instance, nowMs: number): boolean {
    const i = instance.index;
    let atMs = this.nextTryMs[i] ?? CONNECTED;
    if (atMs === CONNECTED) return true;
    while (atMs <= nowMs) {
      const outcome = connectOutcome(instance);
      if (outcome === 'accepted') {
        this.connected(i);
        return true;
      }
      atMs += (outcome === 'unanswered' ? this.connectTimeoutMs : 0) + this.nextWaitMs(i);
    }
    this.nextTryMs[i] = atMs;
    return false;
  }

  readyAgainAtMs(instance: Instance, nowMs: number): number {
    return this.isAvailable(instance, nowMs) ? nowMs : (this.nextTryMs[instance.index] as number);
  }

  onAttemptEnd(
    instance: Instance,
    result: AttemptResult | 'timeout',
    _latencyMs: number,
    nowMs: number,
  ): void {
    if (result !== 'connect-failure' && result !== 'reset') return;
    const i = instance.index;
    // Requests bound to the endpoint before its connection failed end one by one: the first starts the reconnect.
    if ((this.nextTryMs[i] ?? CONNECTED) !== CONNECTED) return;
    this.reconnecting++;
    this.waits[i] = 0;
    this.nextTryMs[i] = result === 'reset' ? nowMs : nowMs + this.nextWaitMs(i);
  }

  /** The endpoint's next backoff wait [ms]: min × 2^k capped at max, plus a uniform jitter up to `jitter` × that. */
  private nextWaitMs(i: number): number {
    const { minMs, maxMs, jitter } = this.backoff;
    const k = this.waits[i] ?? 0;
    this.waits[i] = k + 1;
    const base = Math.min(minMs * 2 ** k, maxMs);
    return base + Math.min(this.random() * jitter * base, maxMs - base);
  }

  private connected(i: number): void {
    this.nextTryMs[i] = CONNECTED;
    this.waits[i] = 0;
    this.reconnecting--;
  }
}
