// Pod events in the result: a crash loop's crashes and restarts on the kubelet's backoff, and the Ready/NotReady
// changes they bring, with the pod named as the model names it; capped so a flapping probe cannot flood the result.

import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import type { PodEvent, SimulationConfig } from '../../src/index.js';
import { PodEventLog } from '../../src/server/PodEventLog.js';
import { call, config, poisson, service } from '../__helpers__/configs.js';

/** a ×2 → b ×2 for 200 s, b's first instance crash-looping from 60 s for 60 s (scenario-format.md's example). */
function crashLoop(): SimulationConfig {
  return config([service('a', { calls: [[call('b')]] }), service('b')], [poisson('a', 10)], {
    shape: 'none',
    durationMs: 200_000,
    faults: [
      {
        atMs: 60_000,
        durationMs: 60_000,
        service: 'b',
        instances: 1,
        effect: { kind: 'crash-loop', runsForMs: 0 },
      },
    ],
  });
}

/** `kind@seconds` for each event of `pod`. */
function eventsOf(events: readonly PodEvent[], pod: string): string[] {
  return events.filter((e) => e.pod === pod).map((e) => `${e.kind}@${e.atMs / 1000}`);
}

describe('pod events', () => {
  it('records a crash loop: crashes, restarts at 60, 70, 90 s, up for good at 130 s', () => {
    const result = simulate(crashLoop());
    const podEvents = result.podEvents;
    expect(podEvents?.omitted).toBe(0);
    const events = podEvents?.events ?? [];
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(['b']));
    expect(eventsOf(events, 'b-1')).toEqual([
      'crashed@60',
      'notReady@60',
      'started@60',
      'ready@60',
      'crashed@60',
      'notReady@60',
      'started@70',
      'ready@70',
      'crashed@70',
      'notReady@70',
      'started@90',
      'ready@90',
      'crashed@90',
      'notReady@90',
      'started@130',
      'ready@130',
    ]);
  });

  it('is absent from a run in which no pod changed', () => {
    const cfg = crashLoop();
    expect(simulate({ ...cfg, faults: [] }).podEvents).toBeUndefined();
  });

  it('keeps the first `limit` events and counts the rest', () => {
    const log = new PodEventLog(2);
    log.record(1000, 'b', 'b-1', 'crashed');
    log.record(1000, 'b', 'b-1', 'notReady');
    log.record(2000, 'b', 'b-1', 'started');
    expect(log.result()).toEqual({
      events: [
        { atMs: 1000, service: 'b', pod: 'b-1', kind: 'crashed' },
        { atMs: 1000, service: 'b', pod: 'b-1', kind: 'notReady' },
      ],
      omitted: 1,
      limit: 2,
    });
  });
});
