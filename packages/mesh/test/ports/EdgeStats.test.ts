// EdgeStats' goodput series: a success counts in the interval its call was offered in when it completed by the end
// of the next interval (a call straddling two seconds), else in the interval it completed in (a call held for seconds);
// and, on a traffic source's entry edge, its successes by offered interval and lateness.

import { describe, expect, it } from 'vitest';

import { EdgeStats } from '../../src/ports/EdgeStats.js';

describe('EdgeStats goodput', () => {
  it('counts a success in the interval its call was offered in when it completed in that interval or the next', () => {
    const clock = { interval: 4 };
    const edge = new EdgeStats('client', 'api', clock);
    const offered = edge.recordStart();
    expect(offered).toBe(4);
    clock.interval = 5;
    edge.recordSuccess(20, offered);
    expect(edge.goodput).toEqual([0, 0, 0, 0, 1]);
    expect(edge.succeeded).toBe(1);
  });

  it('counts a success two or more intervals after its offer in the interval it completed in (a stall shows)', () => {
    const clock = { interval: 1 };
    const edge = new EdgeStats('client', 'api', clock);
    const offered = edge.recordStart();
    clock.interval = 3;
    edge.recordSuccess(2500, offered);
    expect(edge.goodput).toEqual([0, 0, 0, 1]);
  });

  it('counts no failure in goodput', () => {
    const edge = new EdgeStats('client', 'api', { interval: 0 });
    edge.recordStart();
    edge.recordFailure('timeout');
    expect(edge.goodput).toEqual([]);
    expect(edge.failed).toBe(1);
  });
});

describe('EdgeStats successes by lateness', () => {
  it('keeps none unless the edge is a traffic source entry edge (trackLateness)', () => {
    const edge = new EdgeStats('api', 'db', { interval: 0 });
    edge.recordSuccess(5, edge.recordStart());
    expect(edge.byLateness).toBeNull();
  });

  it('counts a success by the interval its call was offered in and its completion interval minus that one', () => {
    const clock = { interval: 2 };
    const edge = new EdgeStats('client', 'api', clock);
    edge.trackLateness();
    const first = edge.recordStart();
    const second = edge.recordStart();
    clock.interval = 2;
    edge.recordSuccess(20, first);
    clock.interval = 9;
    edge.recordSuccess(7000, second);
    expect(edge.byLateness).toEqual([[], [], [1, 0, 0, 0, 0, 0, 0, 1]]);
  });

  it('leaves out a success 64 intervals late or later (it is only in succeeded, where it completed)', () => {
    const clock = { interval: 0 };
    const edge = new EdgeStats('client', 'api', clock);
    edge.trackLateness();
    const offered = edge.recordStart();
    clock.interval = 64;
    edge.recordSuccess(64_000, offered);
    expect(edge.byLateness).toEqual([]);
    expect(edge.succeeded).toBe(1);
  });
});
