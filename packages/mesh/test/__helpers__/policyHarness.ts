// Helpers for unit tests of client-side policies: fake instances (policies only read `index`), a
// destination policy with everything off except the given overrides, and a client running policies.

import type { Instance } from '../../src/server/Instance.js';
import type { ClientPolicy } from '../../src/call/ClientPolicy.js';
import { UpstreamClient } from '../../src/call/UpstreamClient.js';
import { NO_DESTINATION_POLICY } from '../../src/index.js';
import type { DestinationPolicy } from '../../src/index.js';

/** `n` stand-in instances with indexes 0..n−1 (enough for policies that key state by index). */
export function fakeInstances(n: number): Instance[] {
  return Array.from(
    { length: n },
    (_, index) => ({ index, name: `fake-${index + 1}` }) as unknown as Instance,
  );
}

/**
 * A caller's client running `policies` (its balancer picks the first endpoint): tests drive attempts
 * through it (`attemptStarted`, `attemptEnded`), as the model does, so the client's own counting is
 * part of what they check.
 */
export function clientOf(policies: ClientPolicy[]): UpstreamClient {
  return new UpstreamClient({ pick: (endpoints) => endpoints[0], release: () => {} }, policies);
}

/** A destination policy: everything off, then `overrides`. */
export function destination(overrides: Partial<DestinationPolicy>): DestinationPolicy {
  return { ...NO_DESTINATION_POLICY, ...overrides };
}
