// Helpers for unit tests of client-side policies: fake instances (policies only read `index`) and a
// destination policy with everything off except the given overrides.

import type { Instance } from '../../src/server/Instance.js';
import { NO_DESTINATION_POLICY } from '../../src/index.js';
import type { DestinationPolicy } from '../../src/index.js';

/** `n` stand-in instances with indexes 0..n−1 (enough for policies that key state by index). */
export function fakeInstances(n: number): Instance[] {
  return Array.from(
    { length: n },
    (_, index) => ({ index, name: `fake-${index + 1}` }) as unknown as Instance,
  );
}

/** A destination policy: everything off, then `overrides`. */
export function destination(overrides: Partial<DestinationPolicy>): DestinationPolicy {
  return { ...NO_DESTINATION_POLICY, ...overrides };
}
