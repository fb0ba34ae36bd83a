// linkerd2-proxy's balancer queue on its own: held calls fail together at the failfast timeout, the balancer then
// refuses until a call finds a ready endpoint, a full queue refuses, and a release restarts the timer for the rest.

import { describe, expect, it } from 'vitest';
import { Engine } from '@meshsim/engine';
import { BalancerQueue, LINKERD_OUTBOUND_HTTP_QUEUE } from '../../src/call/BalancerQueue.js';
import type { QueuedCall } from '../../src/call/BalancerQueue.js';
import type { PolicyCounters } from '../../src/ports/PolicyCounters.js';

/** A held call that is released once `ready()` says so, recording how it ended and when. */
class FakeCall implements QueuedCall {
  outcome: string | null = null;
  atMs = NaN;
  constructor(
    private readonly engine: Engine,
    private readonly ready: () => boolean,
    private readonly nextMs = Infinity,
  ) {}
  releaseHeld(): boolean {
    if (!this.ready()) return false;
    this.outcome = 'sent';
    this.atMs = this.engine.now;
    return true;
  }
  failHeld(result: 'gateway-timeout' | 'reset'): void {
    this.outcome = result;
    this.atMs = this.engine.now;
  }
  readyAgainAtMs(): number {
    return this.nextMs;
  }
}

function countersOf(queue: BalancerQueue): Record<string, number> {
  const into: PolicyCounters = { events: {}, timeMs: {} };
  queue.collect(into);
  return into.events;
}

describe('BalancerQueue', () => {
  it("uses linkerd2-proxy's outbound HTTP queue: failfast 3 s, capacity 10,000", () => {
    expect(LINKERD_OUTBOUND_HTTP_QUEUE).toEqual({ failfastMs: 3000, capacity: 10_000 });
  });

  it('held calls fail together 3 s after the first wait (504); then the balancer refuses until one is ready', () => {
    const engine = new Engine();
    const queue = new BalancerQueue(engine, LINKERD_OUTBOUND_HTTP_QUEUE);
    const first = new FakeCall(engine, () => false);
    const second = new FakeCall(engine, () => false);
    queue.hold(first, 0);
    engine.run({ untilMs: 1000 });
    expect(queue.refuses()).toBe(false);
    queue.hold(second, 1000);
    engine.run();
    expect([first.outcome, first.atMs, second.outcome, second.atMs]).toEqual([
      'gateway-timeout',
      3000,
      'gateway-timeout',
      3000,
    ]);
    expect(queue.refuses()).toBe(true);
    queue.ready();
    expect(queue.refuses()).toBe(false);
    expect(countersOf(queue)).toEqual({ 'linkerd-queued': 2, 'linkerd-failfast': 2, 'linkerd-load-shed': 1 });
  });

  it('a recheck at a reconnect time sends the held calls whose endpoint is ready; the timer starts over for the rest', () => {
    const engine = new Engine();
    const queue = new BalancerQueue(engine, LINKERD_OUTBOUND_HTTP_QUEUE);
    let up = false;
    const served = new FakeCall(engine, () => up, 2000);
    const stuck = new FakeCall(engine, () => false);
    queue.hold(served, 0);
    queue.hold(stuck, 0);
    engine.scheduleAt(1999, () => (up = true));
    engine.run();
    expect([served.outcome, served.atMs]).toEqual(['sent', 2000]);
    // The other waits a whole failfast timeout from the release (linkerd times each head-of-line request).
    expect([stuck.outcome, stuck.atMs]).toEqual(['gateway-timeout', 5000]);
  });

  it('a full queue refuses; a removed call (its caller gave up) is not failed', () => {
    const engine = new Engine();
    const queue = new BalancerQueue(engine, { failfastMs: 3000, capacity: 1 });
    const held = new FakeCall(engine, () => false);
    queue.hold(held, 0);
    expect(queue.refuses()).toBe(true);
    expect(queue.remove(held)).toBe(true);
    expect(queue.length).toBe(0);
    engine.run();
    expect(held.outcome).toBeNull();
    expect(queue.refuses()).toBe(false);
  });
});
