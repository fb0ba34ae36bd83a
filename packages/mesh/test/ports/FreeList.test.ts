// Contract of FreeList: objects given back come out again (last in, first out); in checked mode none does,
// and a write to one given back throws.

import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_RECYCLING, FreeList } from '../../src/ports/FreeList.js';

const flags = globalThis as { [CHECK_RECYCLING]?: boolean | undefined };
const before = flags[CHECK_RECYCLING];
afterEach(() => {
  flags[CHECK_RECYCLING] = before;
});

describe('FreeList', () => {
  it('hands out what was given back, last first, then nothing', () => {
    flags[CHECK_RECYCLING] = false;
    const list = new FreeList<{ id: number }>();
    const a = { id: 1 };
    const b = { id: 2 };
    expect(list.take()).toBeUndefined();
    list.put(a);
    list.put(b);
    expect(list.size).toBe(2);
    expect(list.take()).toBe(b);
    expect(list.take()).toBe(a);
    expect(list.take()).toBeUndefined();
  });

  it('in checked mode keeps nothing and freezes what it is given: a later write throws', () => {
    flags[CHECK_RECYCLING] = true;
    const list = new FreeList<{ id: number }>();
    const a = { id: 1 };
    list.put(a);
    expect(list.size).toBe(0);
    expect(list.take()).toBeUndefined();
    expect(() => {
      a.id = 2;
    }).toThrow(TypeError);
  });

  it('reads the mode when it is made: switching later does not change a list', () => {
    flags[CHECK_RECYCLING] = true;
    const checked = new FreeList<object>();
    flags[CHECK_RECYCLING] = false;
    const reusing = new FreeList<object>();
    checked.put({});
    reusing.put({});
    expect([checked.size, reusing.size]).toEqual([0, 1]);
  });
});
