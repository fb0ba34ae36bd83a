// linkerd2-proxy's reconnect backoff as a client policy: an endpoint whose connect failed is not picked while the
// proxy backs off (100 ms doubling to 60 s, +≤10 % jitter) and reconnects in the background; it is ready once a
// reconnect is accepted.

import { describe, expect, it } from 'vitest';
import { LINKERD_CONNECT_BACKOFF, LinkerdReconnect } from '../../src/policies/LinkerdReconnect.js';
import type { Instance } from '../../src/server/Instance.js';
import { clientOf } from '../__helpers__/policyHarness.js';

interface FakeEndpoint {
  index: number;
  up: boolean;
  node: { unreachable: boolean };
  inboundProxy: { up: boolean };
}

function endpoints(n: number): FakeEndpoint[] {
  return Array.from({ length: n }, (_, index) => ({
    index,
    up: true,
    node: { unreachable: false },
    inboundProxy: { up: true },
  }));
}

const asInstance = (e: FakeEndpoint) => e as unknown as Instance;
const NO_JITTER = { ...LINKERD_CONNECT_BACKOFF, jitter: 0 };

/** The first time at or after `fromMs` (1 ms steps) that `e` is available again. */
function readyAt(policy: LinkerdReconnect, e: FakeEndpoint, fromMs: number): number {
  for (let t = fromMs; t < fromMs + 600_000; t++) if (policy.isAvailable(asInstance(e), t)) return t;
  return Infinity;
}

describe('LinkerdReconnect', () => {
  it("uses linkerd2-proxy's outbound connect backoff: 100 ms, up to 60 s, jitter 0.1", () => {
    expect(LINKERD_CONNECT_BACKOFF).toEqual({ minMs: 100, maxMs: 60_000, jitter: 0.1 });
  });

  it('a refused connect takes the endpoint out of picks for 100 ms; the others stay', () => {
    const [a, b] = endpoints(2) as [FakeEndpoint, FakeEndpoint];
    const policy = new LinkerdReconnect(() => 0.5, 1000, NO_JITTER);
    const client = clientOf([policy]);
    a.inboundProxy.up = false;
    client.attemptEnded(asInstance(a), 'connect-failure', 0.3, 1000);
    expect(policy.isAvailable(asInstance(a), 1050)).toBe(false);
    expect(policy.isAvailable(asInstance(b), 1050)).toBe(true);
    expect(client.pick([asInstance(a), asInstance(b)], 1050, null as never)).toBe(asInstance(b));
  });

  it('refused reconnects double the wait (100, 200, 400 … ms) until one is accepted; then it is ready at once', () => {
    const [a] = endpoints(1) as [FakeEndpoint];
    const policy = new LinkerdReconnect(() => 0.5, 1000, NO_JITTER);
    a.inboundProxy.up = false;
    policy.onAttemptEnd(asInstance(a), 'connect-failure', 0.3, 0);
    // Reconnects at 100, 300, 700, 1500 ms are refused; the sidecar is back at 2000 ms: the reconnect at 3100 ms works.
    expect(policy.isAvailable(asInstance(a), 1999)).toBe(false);
    a.inboundProxy.up = true;
    expect(policy.isAvailable(asInstance(a), 3099)).toBe(false);
    expect(policy.isAvailable(asInstance(a), 3100)).toBe(true);
    // Connected again: a new failure starts over at 100 ms.
    policy.onAttemptEnd(asInstance(a), 'connect-failure', 0.3, 5000);
    expect(readyAt(policy, a, 5000)).toBe(5100);
  });

  it('a node that is off costs each reconnect its connect timeout before the next wait', () => {
    const [a] = endpoints(1) as [FakeEndpoint];
    const policy = new LinkerdReconnect(() => 0.5, 1000, NO_JITTER);
    a.node.unreachable = true;
    policy.onAttemptEnd(asInstance(a), 'connect-failure', 1000, 1000);
    // Reconnects at 1100 (times out at 2100, waits 200), 2300 (→ 3300 + 400), 3700 …
    expect(policy.isAvailable(asInstance(a), 3650)).toBe(false);
    a.node.unreachable = false;
    expect(policy.isAvailable(asInstance(a), 3699)).toBe(false);
    expect(policy.isAvailable(asInstance(a), 3700)).toBe(true);
  });

  it('jitter adds up to 10 % of each wait, and the wait never passes 60 s', () => {
    const [a] = endpoints(1) as [FakeEndpoint];
    const high = new LinkerdReconnect(() => 0.999, 1000);
    a.inboundProxy.up = false;
    high.onAttemptEnd(asInstance(a), 'connect-failure', 0.3, 0);
    a.inboundProxy.up = true;
    const t = readyAt(high, a, 0);
    expect(t).toBeGreaterThanOrEqual(109);
    expect(t).toBeLessThanOrEqual(110);
    // After many refusals the waits stay at 60 s (the jitter is capped by max − base).
    const capped = new LinkerdReconnect(() => 0.999, 1000);
    a.inboundProxy.up = false;
    capped.onAttemptEnd(asInstance(a), 'connect-failure', 0.3, 0);
    capped.isAvailable(asInstance(a), 1_000_000);
    a.inboundProxy.up = true;
    const gap = readyAt(capped, a, 1_000_001) - 1_000_000;
    expect(gap).toBeLessThanOrEqual(60_000);
  });

  it('a lost connection (reset) reconnects at once: an endpoint that accepts stays ready', () => {
    const [a] = endpoints(1) as [FakeEndpoint];
    const policy = new LinkerdReconnect(() => 0.5, 1000, NO_JITTER);
    policy.onAttemptEnd(asInstance(a), 'reset', 2, 100);
    expect(policy.isAvailable(asInstance(a), 100)).toBe(true);
    expect(policy.mayExclude()).toBe(false);
    // One whose sidecar died refuses the reconnect made at once (200 ms): 100 ms of backoff from then.
    a.inboundProxy.up = false;
    policy.onAttemptEnd(asInstance(a), 'reset', 2, 200);
    expect(policy.isAvailable(asInstance(a), 250)).toBe(false);
    a.inboundProxy.up = true;
    expect(readyAt(policy, a, 250)).toBe(300);
  });

  it('other failures (5xx, timeouts) leave the connection alone', () => {
    const [a] = endpoints(1) as [FakeEndpoint];
    const policy = new LinkerdReconnect(() => 0.5, 1000, NO_JITTER);
    for (const result of ['error', 'bad-gateway', 'rejected', 'timeout', 'per-try-timeout'] as const) {
      policy.onAttemptEnd(asInstance(a), result, 2, 100);
    }
    expect(policy.mayExclude()).toBe(false);
    expect(policy.isAvailable(asInstance(a), 100)).toBe(true);
  });
});
