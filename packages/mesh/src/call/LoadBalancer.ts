// Per-caller load balancers: each caller (instance or traffic source) keeps its own state per destination.

import type { Random } from '@meshsim/engine';

/** What a balancer needs to know about an endpoint. */
export interface Endpoint {
  /** Index among the service's instances. */
  readonly index: number;
}

/**
 * Picks an endpoint for each attempt. `release` is called when the caller stops waiting for an
 * attempt it picked (stateful balancers such as least-request and peak-EWMA learn from it).
 */
export interface LoadBalancer<E extends Endpoint> {
  pick(endpoints: readonly E[]): E | undefined;
  release(endpoint: E, result: string, latencyMs: number, nowMs: number): void;
  /**
   * A pick the caller did not use (a retry host predicate rejected it and the caller picks again): undoes what
   * `pick` counted on `endpoint` (least-request's active requests, peak-EWMA's pending ones). What every pick
   * advances in Envoy's balancers too (a round-robin cursor, random draws) stays advanced. Absent: nothing to undo.
   */
  discard?(endpoint: E): void;
}

/** Round robin over the current endpoint list (the cursor survives list changes). */
export class RoundRobinBalancer<E extends Endpoint> implements LoadBalancer<E> {
  private cursor: number;
  constructor(start: number) {
    this.cursor = start;
  }
  pick(endpoints: readonly E[]): E | undefined {
    if (endpoints.length === 0) return undefined;
    const endpoint = endpoints[this.cursor % endpoints.length];
    this.cursor = (this.cursor + 1) % 1_000_000_007;
    return endpoint;
  }
  release(): void {}
}

/** Uniform random pick (kube-proxy in iptables mode). */
export class RandomBalancer<E extends Endpoint> implements LoadBalancer<E> {
  constructor(private readonly random: Random) {}
  pick(endpoints: readonly E[]): E | undefined {
    if (endpoints.length === 0) return undefined;
    return endpoints[Math.floor(this.random() * endpoints.length)];
  }
  release(): void {}
}
