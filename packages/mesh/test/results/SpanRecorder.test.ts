// Tail sampling of traces (`telemetry.traceKeep`): a kept trace is exactly a trace of the fully traced run
// that breaks a rule (a failed span, or longer than the threshold), head-sampled traces stay kept, spans stay
// in start order, and the rest of the result does not change.

import { describe, expect, it } from 'vitest';

import { simulate } from '../../src/index.js';
import type { SimulationResult, TraceSpan } from '../../src/index.js';
import { call, config, poisson, policy, service } from '../__helpers__/configs.js';

// Backend fails 20 % of attempts (retried up to 3 tries) and is slow now and then: some traces fail, some
// take long, most do neither.
const chain = config(
  [
    service('frontend', { calls: [[call('backend', policy(1000, 3, 40))]] }),
    service('backend', { errorRate: 0.2, serviceTimeMs: { kind: 'exponential', mean: 8 } }),
  ],
  [poisson('frontend', 200)],
  { durationMs: 4000, shape: 'istio-sidecar' },
);

/** Spans grouped by trace id, in the order the traces first appear. */
function byTrace(spans: readonly TraceSpan[]): Map<string, TraceSpan[]> {
  const traces = new Map<string, TraceSpan[]>();
  for (const span of spans) {
    const list = traces.get(span.traceId);
    if (list === undefined) traces.set(span.traceId, [span]);
    else list.push(span);
  }
  return traces;
}

/** First span's start to last span's end [ms]. */
function durationOf(spans: readonly TraceSpan[]): number {
  return Math.max(...spans.map((s) => s.endMs)) - Math.min(...spans.map((s) => s.startMs));
}

function tracesOf(result: SimulationResult): Map<string, TraceSpan[]> {
  const spans = result.telemetry?.traces?.spans;
  expect(spans).toBeDefined();
  return byTrace(spans ?? []);
}

describe('tail sampling (telemetry.traceKeep)', () => {
  // Every request traced: trace ids count every request, as they do with tail rules.
  const full = tracesOf(simulate(chain, { telemetry: { traceSampleRate: 1 } }));
  const slowMs = 60;

  it('keeps exactly the traces with a failed span, span for span as the fully traced run', () => {
    const result = simulate(chain, { telemetry: { traceSampleRate: 0, traceKeep: { errors: true } } });
    const kept = tracesOf(result);
    const failing = [...full].filter(([, spans]) => spans.some((s) => s.status === 'error'));
    expect(failing.length).toBeGreaterThan(20);
    expect(failing.length).toBeLessThan(full.size / 2);
    expect([...kept.keys()]).toEqual(failing.map(([id]) => id));
    for (const [id, spans] of failing) expect(kept.get(id)).toEqual(spans);
    expect(result.telemetry?.traces?.tail).toEqual({
      errors: true,
      slowerThanMs: null,
      share: 1,
      requests: full.size,
      picked: failing.length,
      keptByHeadSample: 0,
      keptForError: failing.length,
      keptForDuration: 0,
    });
  });

  it('keeps exactly the traces longer than the threshold', () => {
    const result = simulate(chain, {
      telemetry: { traceSampleRate: 0, traceKeep: { slowerThanMs: slowMs } },
    });
    const kept = tracesOf(result);
    const slow = [...full].filter(([, spans]) => durationOf(spans) > slowMs);
    expect(slow.length).toBeGreaterThan(5);
    expect(slow.length).toBeLessThan(full.size / 2);
    expect([...kept.keys()]).toEqual(slow.map(([id]) => id));
    for (const [id, spans] of slow) expect(kept.get(id)).toEqual(spans);
    expect(result.telemetry?.traces?.tail?.keptForDuration).toBe(slow.length);
  });

  it('keeps the head sample too, each trace counted once, and lists the spans in start order', () => {
    const headOnly = simulate(chain, { telemetry: { traceSampleRate: 0.1 } });
    const result = simulate(chain, {
      telemetry: { traceSampleRate: 0.1, traceKeep: { errors: true, slowerThanMs: slowMs } },
    });
    const tail = result.telemetry?.traces?.tail;
    // The head sample draws the same stream with or without tail rules.
    expect(tail?.keptByHeadSample).toBe(tracesOf(headOnly).size);
    const kept = tracesOf(result);
    expect(kept.size).toBe(
      (tail?.keptByHeadSample ?? 0) + (tail?.keptForError ?? 0) + (tail?.keptForDuration ?? 0),
    );
    const ruled = [...full].filter(
      ([, spans]) => spans.some((s) => s.status === 'error') || durationOf(spans) > slowMs,
    );
    for (const [id] of ruled) expect(kept.has(id)).toBe(true);
    const spans = result.telemetry?.traces?.spans ?? [];
    for (let i = 1; i < spans.length; i++) {
      expect((spans[i] as TraceSpan).spanId > (spans[i - 1] as TraceSpan).spanId).toBe(true);
      expect((spans[i] as TraceSpan).startMs).toBeGreaterThanOrEqual((spans[i - 1] as TraceSpan).startMs);
    }
  });

  it('keeps a share of the traces the rules pick, drawn apart from everything else', () => {
    const all = simulate(chain, { telemetry: { traceSampleRate: 0, traceKeep: { errors: true } } });
    const some = simulate(chain, {
      telemetry: { traceSampleRate: 0, traceKeep: { errors: true, share: 0.25 } },
    });
    const allKept = tracesOf(all);
    const someKept = tracesOf(some);
    const tail = some.telemetry?.traces?.tail;
    expect(tail?.picked).toBe(allKept.size);
    expect(tail?.keptForError).toBe(someKept.size);
    expect(someKept.size).toBeGreaterThan(allKept.size * 0.1);
    expect(someKept.size).toBeLessThan(allKept.size * 0.4);
    for (const [id, spans] of someKept) expect(allKept.get(id)).toEqual(spans);
    const { telemetry: _t, ...rest } = some;
    expect(rest).toEqual(simulate(chain));
  });

  it('decides a trace still open when the run ends with the run end as its end', () => {
    // Backend takes 3 s: requests sent in the last 3 s are still in flight at the end.
    const slowBackend = config(
      [
        service('frontend', { calls: [[call('backend')]] }),
        service('backend', { serviceTimeMs: { kind: 'constant', value: 3000 } }),
      ],
      [poisson('frontend', 20)],
      { durationMs: 4000 },
    );
    const result = simulate(slowBackend, {
      telemetry: { traceSampleRate: 0, traceKeep: { slowerThanMs: 500 } },
    });
    const kept = tracesOf(result);
    const unfinished = [...kept.values()].filter((spans) =>
      spans.some((s) => s.attributes['meshsim.unfinished']),
    );
    expect(unfinished.length).toBeGreaterThan(0);
    for (const spans of unfinished) expect(Math.max(...spans.map((s) => s.endMs))).toBe(4000);
    // Sent in the last 0.5 s: open at the end but not yet longer than 500 ms, so forgotten.
    for (const spans of kept.values()) expect(Math.min(...spans.map((s) => s.startMs))).toBeLessThan(3500);
  });

  it('changes nothing else in the result, and gives the same traces for the same seed', () => {
    const keep = { errors: true, slowerThanMs: slowMs };
    const a = simulate(chain, { telemetry: { traceSampleRate: 0.1, traceKeep: keep } });
    const b = simulate(chain, { telemetry: { traceSampleRate: 0.1, traceKeep: keep } });
    expect(JSON.stringify(a.telemetry)).toBe(JSON.stringify(b.telemetry));
    const { telemetry: _t, ...rest } = a;
    expect(rest).toEqual(simulate(chain));
  });

  it('refuses rules it cannot apply, naming the field', () => {
    const bad =
      (traceKeep: unknown): (() => unknown) =>
      () =>
        simulate(chain, { telemetry: { traceKeep: traceKeep as { errors: boolean } } });
    expect(bad({ slowerThanMs: 0 })).toThrow(
      'telemetry.traceKeep.slowerThanMs: expected a duration > 0 [ms], got 0',
    );
    expect(bad({ slowerThanMs: Number.NaN })).toThrow(/slowerThanMs.*got NaN/);
    expect(bad({ errors: 'yes' })).toThrow('telemetry.traceKeep.errors: expected a boolean, got yes');
    expect(bad({ error: true })).toThrow(
      'telemetry.traceKeep.error: unknown field (expected errors, slowerThanMs or share)',
    );
    expect(bad({ errors: true, share: 0 })).toThrow(
      'telemetry.traceKeep.share: expected a share in (0, 1], got 0',
    );
    expect(bad({ errors: true, share: 1.5 })).toThrow(/share.*got 1.5/);
    expect(bad(null)).toThrow(/telemetry.traceKeep: expected/);
  });
});
