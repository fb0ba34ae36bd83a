// Grouping spans by trace keeps each trace's spans in their order and the traces in order of first appearance.

import { describe, expect, it } from 'vitest';

import type { TraceSpan } from '@meshsim/mesh';

import { groupByTrace } from '../../src/internal/groupByTrace.js';

const span = (traceId: string, spanId: string): TraceSpan => ({ traceId, spanId }) as TraceSpan;

describe('groupByTrace', () => {
  it('groups interleaved traces, each in its spans’ order, traces by first appearance', () => {
    const spans = [span('b', '1'), span('a', '2'), span('b', '3'), span('c', '4'), span('a', '5')];
    const groups = groupByTrace(spans);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect(groups.get('b')?.map((s) => s.spanId)).toEqual(['1', '3']);
    expect(groups.get('a')?.map((s) => s.spanId)).toEqual(['2', '5']);
    expect(groups.get('c')?.map((s) => s.spanId)).toEqual(['4']);
  });

  it('gives no group for no spans', () => {
    expect(groupByTrace([]).size).toBe(0);
  });
});
