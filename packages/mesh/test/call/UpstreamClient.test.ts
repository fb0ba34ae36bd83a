// Contracts of a caller's client picking a retry's endpoint: with `hostReselections` (Envoy's previous_hosts retry
// host predicate, host_selection_retry_max_attempts) a pick landing on an instance the call tried is redrawn.

import { RandomStreams } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../src/call/UpstreamClient.js';
import { LeastRequestBalancer } from '../../src/call/balancers/LeastRequestBalancer.js';
import { RandomBalancer } from '../../src/call/LoadBalancer.js';
import type { LoadBalancer } from '../../src/call/LoadBalancer.js';
import type { Instance } from '../../src/server/Instance.js';
import { VERSION_UNCHOSEN } from '../../src/call/RouteHooks.js';
import type { RoutedCall } from '../../src/call/RouteHooks.js';
import { fakeInstances } from '../__helpers__/policyHarness.js';

const [a, b, c] = fakeInstances(3) as [Instance, Instance, Instance];
/** A call without a class (no router here: its version choice is not used). */
const call = (): RoutedCall => ({ requestClass: null, versionIndex: VERSION_UNCHOSEN });

/** A balancer returning `draws` in turn (then the last one again), recording what was discarded. */
function scripted(draws: Instance[]): LoadBalancer<Instance> & { picks: number; discarded: Instance[] } {
  const balancer = {
    picks: 0,
    discarded: [] as Instance[],
    pick: () => draws[Math.min(balancer.picks++, draws.length - 1)],
    release: () => {},
    discard: (instance: Instance) => {
      balancer.discarded.push(instance);
    },
  };
  return balancer;
}

describe('UpstreamClient.pick on a retry (previous hosts avoided)', () => {
  it('redraws while the pick is an instance the call tried, and takes the first one it did not', () => {
    const balancer = scripted([a, a, b]);
    const client = new UpstreamClient(balancer, []);
    client.hostReselections = 5;
    expect(client.pick([a, b, c], 0, call(), [a])).toBe(b);
    expect(balancer.picks).toBe(3);
    expect(balancer.discarded).toEqual([a, a]);
  });

  it('after hostReselections redraws, uses the last draw even if the call tried it (Envoy returns the last host)', () => {
    const balancer = scripted([a]);
    const client = new UpstreamClient(balancer, []);
    client.hostReselections = 5;
    expect(client.pick([a, b, c], 0, call(), [a])).toBe(a);
    expect(balancer.picks).toBe(6); // the pick and 5 redraws
    expect(balancer.discarded).toHaveLength(5);
  });

  it('draws once on a first try, with no tried instance, or when the shape does not avoid them (0)', () => {
    for (const [reselections, tried] of [
      [5, null],
      [5, []],
      [0, [a]],
    ] as const) {
      const balancer = scripted([a, b]);
      const client = new UpstreamClient(balancer, []);
      client.hostReselections = reselections;
      expect(client.pick([a, b, c], 0, call(), tried)).toBe(a);
      expect(balancer.picks).toBe(1);
    }
  });

  it("draws the redraws from the balancer's own random stream: the same picks as the balancer alone, skipping tried ones", () => {
    const endpoints = [a, b, c];
    const client = new UpstreamClient(new RandomBalancer<Instance>(new RandomStreams(7).stream('lb')), []);
    client.hostReselections = 5;
    const replay = new RandomBalancer<Instance>(new RandomStreams(7).stream('lb'));
    for (let i = 0; i < 200; i++) {
      const tried = [endpoints[i % 3] as Instance];
      let expected = replay.pick(endpoints);
      for (let redraw = 0; redraw < 5 && expected === tried[0]; redraw++) expected = replay.pick(endpoints);
      expect(client.pick(endpoints, 0, call(), tried)).toBe(expected);
    }
  });

  it("takes back least-request's count of a discarded pick (Envoy counts rq_active only for requests sent)", () => {
    const balancer = new LeastRequestBalancer<Instance>(new RandomStreams(3).stream('lb'), 2);
    const client = new UpstreamClient(balancer, []);
    client.hostReselections = 5;
    const endpoints = [a, b];
    for (let i = 0; i < 100; i++) {
      const picked = client.pick(endpoints, 0, call(), [a]) as Instance;
      // Only the used pick is counted, whichever redraws it took.
      expect(balancer.activeOf(a) + balancer.activeOf(b)).toBe(i + 1);
      expect(picked === b || balancer.activeOf(a) > 0).toBe(true);
    }
  });
});
