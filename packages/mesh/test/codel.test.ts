// Contracts of CoDel on a request queue (RFC 8289 §5): when it starts dropping, and the control law.

import { describe, expect, it } from 'vitest';
import { CoDel } from '../src/internal/index.js';
import type { Queued, SheddableQueue } from '../src/internal/index.js';

/** A queue that is never empty and whose head has waited `sojournMs` whenever it is taken. */
class FakeQueue implements SheddableQueue<Queued> {
  nowMs = 0;
  sojournMs = 50;
  length = 10;
  readonly droppedAtMs: number[] = [];
  take(): Queued {
    return { arrivedMs: this.nowMs - this.sojournMs };
  }
  drop(): void {
    this.droppedAtMs.push(this.nowMs);
  }
}

/** Dequeues every `stepMs` from `fromMs` to `toMs` inclusive. */
function run(codel: CoDel, queue: FakeQueue, fromMs: number, toMs: number, stepMs = 10): void {
  for (let t = fromMs; t <= toMs; t += stepMs) {
    queue.nowMs = t;
    codel.dequeue(queue, t);
  }
}

describe('CoDel', () => {
  it('enters the dropping state only once sojourn has stayed above target for intervalMs', () => {
    const codel = new CoDel(5, 100);
    const queue = new FakeQueue();
    run(codel, queue, 0, 90); // above target since t = 0, but for less than 100 ms
    expect(queue.droppedAtMs).toEqual([]);
    expect(codel.dropping).toBe(false);
    run(codel, queue, 100, 100);
    expect(queue.droppedAtMs).toEqual([100]);
    expect(codel.dropping).toBe(true);
  });

  it('spaces later drops by the control law interval/√count', () => {
    const codel = new CoDel(5, 100);
    const queue = new FakeQueue();
    run(codel, queue, 0, 1000, 1);
    // First drop at 100 (t0 + interval); then drop k+1 at the first dequeue ≥ dropNext_k,
    // dropNext_1 = 100 + 100/√1, dropNext_k = dropNext_(k−1) + 100/√k.
    const expected = [100];
    let dropNextMs = 100 + 100 / Math.sqrt(1);
    for (let count = 2; Math.ceil(dropNextMs) <= 1000; count++) {
      expected.push(Math.ceil(dropNextMs));
      dropNextMs += 100 / Math.sqrt(count);
    }
    expect(queue.droppedAtMs).toEqual(expected);
  });

  it('restarts the interval when one dequeued request is below target, and never drops below target', () => {
    const codel = new CoDel(5, 100);
    const queue = new FakeQueue();
    run(codel, queue, 0, 90);
    queue.sojournMs = 1; // one fast dequeue clears "above since"
    run(codel, queue, 95, 95);
    queue.sojournMs = 50;
    run(codel, queue, 100, 190);
    expect(queue.droppedAtMs).toEqual([]); // above again since 100: the window ends at 200
    run(codel, queue, 200, 200);
    expect(queue.droppedAtMs).toEqual([200]);
    queue.sojournMs = 4;
    run(codel, queue, 210, 2000);
    expect(queue.droppedAtMs).toEqual([200]);
    expect(codel.dropping).toBe(false);
  });

  it('does not judge a request that leaves the queue empty (RFC: less than one packet queued)', () => {
    const codel = new CoDel(5, 100);
    const queue = new FakeQueue();
    queue.length = 0;
    run(codel, queue, 0, 1000);
    expect(queue.droppedAtMs).toEqual([]);
  });
});
