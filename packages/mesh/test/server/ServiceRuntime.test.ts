// Contracts of a service's runtime state that no run shows directly: who is told when its endpoint list changes.

import { describe, expect, it } from 'vitest';
import { RandomStreams } from '@meshsim/engine';
import { RunStreams, ServiceRuntime } from '../../src/internal/index.js';
import type { EndpointWatcher } from '../../src/internal/index.js';
import { service } from '../__helpers__/configs.js';

function counting(): EndpointWatcher & { told: number } {
  return {
    told: 0,
    recheck() {
      this.told++;
    },
  };
}

describe('ServiceRuntime: endpoint watchers', () => {
  it('tells every watcher when the endpoint list is recomputed', () => {
    const runtime = new ServiceRuntime(new RunStreams(new RandomStreams(1)), service('backend'));
    const a = counting();
    const b = counting();
    runtime.watchEndpoints(a);
    runtime.watchEndpoints(b);
    runtime.refreshEndpoints();
    expect([a.told, b.told]).toEqual([1, 1]);
  });

  it('a watcher that replaces another (a restarted proxy’s new queue) takes its place: restarts do not grow the list', () => {
    const runtime = new ServiceRuntime(new RunStreams(new RandomStreams(1)), service('backend'));
    let current = counting();
    runtime.watchEndpoints(current);
    const replaced: (EndpointWatcher & { told: number })[] = [];
    for (let restart = 0; restart < 5; restart++) {
      const next = counting();
      runtime.watchEndpoints(next, current);
      replaced.push(current);
      current = next;
    }
    runtime.refreshEndpoints();
    expect(current.told).toBe(1);
    expect(replaced.map((w) => w.told)).toEqual([0, 0, 0, 0, 0]);
  });
});
