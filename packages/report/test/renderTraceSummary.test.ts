// The sentence on a run's traces: how many were recorded by the head sample, or kept of how many requests by
// which tail rule and share; null without traces.

import { describe, expect, it } from 'vitest';

import type { SimulationResult, TraceSpan, TraceTailSummary } from '@meshsim/mesh';

import { renderTraceSummary } from '../src/index.js';

function withTraces(sampleRate: number, tail?: TraceTailSummary, traceIds: string[] = []): SimulationResult {
  const spans = traceIds.map((traceId) => ({ traceId }) as TraceSpan);
  return {
    telemetry: { traces: { sampleRate, spans, ...(tail && { tail }) } },
  } as unknown as SimulationResult;
}

const counts: TraceTailSummary = {
  errors: true,
  slowerThanMs: 1500,
  share: 1,
  requests: 19_955,
  picked: 4_907,
  keptByHeadSample: 176,
  keptForError: 4_895,
  keptForDuration: 12,
};

describe('renderTraceSummary', () => {
  it('counts the traces a head sample recorded', () => {
    expect(renderTraceSummary(withTraces(0.07, undefined, ['a', 'a', 'b']))).toBe(
      '2 traces recorded: 7 % of requests sampled at their start.',
    );
  });

  it('names what each tail rule kept, of how many requests', () => {
    expect(renderTraceSummary(withTraces(0.01, counts))).toBe(
      '5,083 traces kept of 19,955 requests: 176 sampled at their start (1 %), 4,895 with a failed span and ' +
        '12 longer than 1.5 s.',
    );
    const slowOnly = { ...counts, errors: false, slowerThanMs: 250, keptByHeadSample: 0, keptForError: 0 };
    expect(renderTraceSummary(withTraces(0, slowOnly))).toBe(
      '12 traces kept of 19,955 requests: 0 sampled at their start (0 %), 12 longer than 250 ms.',
    );
  });

  it('says which share of the picked traces was kept', () => {
    const shared = { ...counts, slowerThanMs: null, share: 0.05, keptForError: 245, keptForDuration: 0 };
    expect(renderTraceSummary(withTraces(0.01, shared))).toBe(
      '421 traces kept of 19,955 requests: 176 sampled at their start (1 %), 245 with a failed span ' +
        '(5 % of the 4,907 these rules picked).',
    );
  });

  it('is null without traces', () => {
    expect(renderTraceSummary({} as SimulationResult)).toBeNull();
  });
});
