// The instance's list of active requests behaves as an insertion-ordered Set: same members, same
// order, re-adding keeps a request's place, removing an absent request does nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActiveRequests } from '../../src/internal/index.js';
import type { ActiveLinks } from '../../src/internal/index.js';

class Item implements ActiveLinks<Item> {
  listed = false;
  prevActive: Item | null = null;
  nextActive: Item | null = null;
  constructor(readonly id: number) {}
}

function drain(list: ActiveRequests<Item>): number[] {
  const ids: number[] = [];
  for (let item = list.shift(); item !== null; item = list.shift()) ids.push(item.id);
  return ids;
}

describe('ActiveRequests', () => {
  it('yields requests in the order they were first added; re-adding keeps the place', () => {
    const list = new ActiveRequests<Item>();
    const items = [0, 1, 2, 3].map((id) => new Item(id));
    for (const item of items) list.add(item);
    list.add(items[1] as Item);
    list.delete(items[2] as Item);
    list.delete(items[2] as Item);
    expect(items[2]?.listed).toBe(false);
    expect(drain(list)).toEqual([0, 1, 3]);
    expect(items.every((item) => !item.listed)).toBe(true);
    expect(list.shift()).toBeNull();
  });

  it('matches a Set under any sequence of adds, deletes and shifts', () => {
    const op = fc.tuple(fc.constantFrom('add', 'delete', 'shift'), fc.integer({ min: 0, max: 7 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const list = new ActiveRequests<Item>();
        const model = new Set<number>();
        const items = Array.from({ length: 8 }, (_, id) => new Item(id));
        for (const [kind, id] of ops) {
          const item = items[id] as Item;
          if (kind === 'add') {
            list.add(item);
            model.add(id);
          } else if (kind === 'delete') {
            list.delete(item);
            model.delete(id);
          } else {
            const first = model.values().next();
            const expected = first.done === true ? null : first.value;
            if (expected !== null) model.delete(expected);
            expect(list.shift()?.id ?? null).toBe(expected);
          }
          for (const other of items) expect(other.listed).toBe(model.has(other.id));
        }
        expect(drain(list)).toEqual([...model]);
      }),
      { numRuns: 100 },
    );
  });
});
