// Unit tests of the EventQueue: (time, insertion) ordering, FIFO on ties, growth and the empty-queue contract.
import { describe, expect, it } from 'vitest';

import { EventQueue } from '../src/EventQueue.js';
import { assertFifoOrder, type TraceEntry } from './__helpers__/assertions.js';

/** Pops every entry, returning (time, id) pairs in pop order. */
function drain(queue: EventQueue): TraceEntry[] {
  const out: TraceEntry[] = [];
  while (queue.size > 0) {
    const timeMs = queue.peekTime();
    out.push({ timeMs, id: queue.pop() });
  }
  return out;
}

describe('EventQueue', () => {
  it('is empty when new: size 0, peekTime Infinity, peekId and pop -1', () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    expect(queue.peekId()).toBe(-1);
    expect(queue.pop()).toBe(-1);
  });

  it('pops the smallest time first', () => {
    const queue = new EventQueue();
    queue.push(5, 50);
    queue.push(1, 10);
    queue.push(3, 30);
    queue.push(0.5, 5);

    expect(queue.peekTime()).toBe(0.5);
    expect(queue.peekId()).toBe(5);
    expect(drain(queue)).toEqual([
      { timeMs: 0.5, id: 5 },
      { timeMs: 1, id: 10 },
      { timeMs: 3, id: 30 },
      { timeMs: 5, id: 50 },
    ]);
  });

  it('push(timeMs) pops equal-time entries in insertion order', () => {
    const queue = new EventQueue();
    queue.push(1, 2); // y
    queue.push(1, 3); // z
    queue.push(1, 1); // x

    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([2, 3, 1]);
  });

  it('keeps FIFO among equal times even when pushes interleave with pops', () => {
    const queue = new EventQueue();
    queue.push(1, 1);
    queue.push(1, 2);
    expect(queue.pop()).toBe(1);
    queue.push(1, 3);
    queue.push(0, 0);
    queue.push(1, 4);

    expect(drain(queue).map((e) => e.id)).toEqual([0, 2, 3, 4]);
  });

  it('tracks size through pushes and pops', () => {
    const queue = new EventQueue();
    queue.push(2, 0);
    queue.push(1, 1);
    expect(queue.size).toBe(2);
    queue.pop();
    expect(queue.size).toBe(1);
    queue.pop();
    expect(queue.size).toBe(0);
  });

  it('grows past its initial capacity without losing or reordering entries', () => {
    // Arrange: a tiny initial capacity forces many doublings.
    const queue = new EventQueue(4);
    const n = 10_000;
    for (let i = 0; i < n; i++) queue.push((i * 7919) % 1009, i);
    // Act
    const out = drain(queue);
    // Assert
    expect(out).toHaveLength(n);
    expect(new Set(out.map((e) => e.id)).size).toBe(n);
    assertFifoOrder(out);
  });

  it('accepts a nonsense initial capacity and still works', () => {
    const queue = new EventQueue(0);
    for (let i = 0; i < 20; i++) queue.push(20 - i, i);
    expect(drain(queue).map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });

  it('pops 200k entries at integer times 0-99 in (time, insertion) order', () => {
    // Arrange: heavy ties, pushed in a scrambled time order.
    const queue = new EventQueue();
    const n = 200_000;
    const timeOf = (i: number): number => (i * 37 + Math.floor(i / 1000)) % 100;
    for (let i = 0; i < n; i++) queue.push(timeOf(i), i);
    // Act
    const out = drain(queue);
    // Assert
    expect(out).toHaveLength(n);
    assertFifoOrder(out);
    expect(out.filter((e) => e.timeMs !== timeOf(e.id))).toEqual([]);
  });

  it('keeps FIFO across clear(): entries pushed after a clear still tie-break by insertion', () => {
    const queue = new EventQueue();
    queue.push(1, 100);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    queue.push(1, 1);
    queue.push(1, 2);
    expect(drain(queue).map((e) => e.id)).toEqual([1, 2]);
  });

  it('orders fractional and very close times exactly', () => {
    const queue = new EventQueue();
    const a = 0.1 + 0.2; // 0.30000000000000004
    queue.push(a, 1);
    queue.push(0.3, 2);
    queue.push(Number.MIN_VALUE, 3);
    queue.push(0, 4);
    expect(drain(queue).map((e) => e.id)).toEqual([4, 3, 2, 1]);
  });
});
