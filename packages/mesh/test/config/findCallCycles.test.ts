// The search for call cycles shared by the scenario loader and simulate(): one entry per call that closes a
// cycle, in depth-first order, deep chains without recursion.

import { describe, expect, it } from 'vitest';

import { callCycleReason, findCallCycles } from '../../src/index.js';

const edge = (from: string, to: string) => ({ from, to, path: `${from}->${to}` });

describe('findCallCycles', () => {
  it('finds nothing in a tree or a diamond', () => {
    expect(
      findCallCycles(['a', 'b', 'c', 'd'], [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')]),
    ).toEqual([]);
  });

  it('names the call that closes each cycle, with the cycle', () => {
    expect(
      findCallCycles(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('b', 'b')]),
    ).toEqual([
      { path: 'c->a', cycle: ['a', 'b', 'c', 'a'] },
      { path: 'b->b', cycle: ['b', 'b'] },
    ]);
    expect(callCycleReason(['a', 'b', 'a'])).toBe(
      'call cycle a → b → a: a request would call itself forever (the model needs an acyclic call graph)',
    );
  });

  it('ignores calls to unknown names and follows a chain of 10,000 services without recursion', () => {
    expect(findCallCycles(['a'], [edge('a', 'ghost')])).toEqual([]);
    const names = Array.from({ length: 10_000 }, (_, i) => `s${i}`);
    const chain = names.slice(1).map((name, i) => edge(names[i] as string, name));
    expect(findCallCycles(names, [...chain, edge('s9999', 's0')])).toHaveLength(1);
  });
});
