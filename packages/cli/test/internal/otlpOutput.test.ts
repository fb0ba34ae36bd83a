// --otlp writes one OTLP/JSON request, or requests one per line for a .jsonl file; a request larger than a
// Collector takes by default gets a note, one larger than a JavaScript string fails in words; tail sampling
// says what it kept.

import { describe, expect, it } from 'vitest';

import type { SimulationResult } from '@meshsim/mesh';
import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';

import {
  COLLECTOR_REQUEST_LIMIT_BYTES,
  isJsonLinesPath,
  otlpOutput,
  tailSummaryLine,
} from '../../src/internal/otlpOutput.js';

const traced = {
  telemetry: { traces: { sampleRate: 1, spans: new Array(1_234_567) } },
} as unknown as SimulationResult;
const anchor = { startTimeMs: 0 };
const noNote = (line: string): void => {
  throw new Error(`unexpected note: ${line}`);
};

/** A short run with every request traced: a few thousand spans. */
function tracedRun(): SimulationResult {
  const config = parseScenario(
    `name: otlp-lines
seed: 1
duration: 2s
services:
  api: { replicas: 2, concurrency: 8, serviceTime: { exponential: { mean: 2ms } }, calls: [{ to: db }] }
  db: { replicas: 2, concurrency: 8, serviceTime: { exponential: { mean: 1ms } } }
traffic:
  - { name: users, to: api, rate: 300/s }
`,
    'otlp-lines.yaml',
  );
  return simulate(config, { telemetry: { traceSampleRate: 1 } });
}

describe('isJsonLinesPath', () => {
  it('is true for .jsonl and .ndjson names, whatever the case', () => {
    expect(['t.jsonl', 'out/T.JSONL', 'x.ndjson'].map(isJsonLinesPath)).toEqual([true, true, true]);
    expect(['t.json', 'traces', 't.jsonl.gz', 'jsonl'].map(isJsonLinesPath)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('otlpOutput', () => {
  it('returns the one request the renderer makes for a .json file', () => {
    expect(otlpOutput(traced, anchor, 't.json', noNote, () => '{}\n')).toBe('{}\n');
  });

  it('gives requests of whole traces, one per line, for a .jsonl file', () => {
    const result = tracedRun();
    const output = otlpOutput(result, anchor, 't.jsonl', noNote);
    expect(typeof output).not.toBe('string');
    const lines = [...output];
    expect(lines.length).toBeGreaterThan(3);
    let spans = 0;
    for (const line of lines) {
      expect(line).not.toContain('\n');
      const request = JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
      spans += request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
    }
    expect(spans).toBe(result.telemetry?.traces?.spans.length);
  });

  it('notes a request larger than the Collector takes by default, naming the .jsonl form', () => {
    const notes: string[] = [];
    const big = 'x'.repeat(COLLECTOR_REQUEST_LIMIT_BYTES + 1);
    expect(
      otlpOutput(
        traced,
        anchor,
        'out/t.json',
        (l) => notes.push(l),
        () => big,
      ),
    ).toBe(big);
    expect(notes).toEqual([
      "note: 'out/t.json' is one OTLP request of 21.0 MB (1,234,567 spans), more than an OpenTelemetry " +
        'Collector accepts by default (20 MiB); --otlp out/t.jsonl writes requests of about 512 spans, one per line',
    ]);
    expect(COLLECTOR_REQUEST_LIMIT_BYTES).toBe(20_971_520);
  });

  it('says nothing for a request at the limit', () => {
    const atLimit = 'x'.repeat(COLLECTOR_REQUEST_LIMIT_BYTES);
    expect(otlpOutput(traced, anchor, 't.json', noNote, () => atLimit)).toBe(atLimit);
  });

  it('says when the spans are too many for one OTLP/JSON text, naming JSON Lines and what to lower', () => {
    const tooLong = (): string => {
      throw new RangeError('Invalid string length');
    };
    expect(() => otlpOutput(traced, anchor, 't.json', noNote, tooLong)).toThrow(
      "cannot write 't.json' (--otlp): its 1,234,567 spans make more text than one OTLP/JSON request can hold; " +
        'write them as JSON Lines (--otlp t.jsonl: one request of about 512 spans per line), or lower ' +
        '--trace-sample (1) or --duration (the other outputs were written)',
    );
  });

  it('lets any other error through', () => {
    const broken = (): string => {
      throw new Error('no traces');
    };
    expect(() => otlpOutput(traced, anchor, 't.json', noNote, broken)).toThrow('no traces');
  });
});

describe('tailSummaryLine', () => {
  const withTail = (sampleRate: number, tail: object | undefined): SimulationResult =>
    ({
      telemetry: { traces: { sampleRate, spans: [], ...(tail && { tail }) } },
    }) as unknown as SimulationResult;
  const counts = {
    share: 1,
    requests: 19_955,
    picked: 4_907,
    keptByHeadSample: 176,
    keptForError: 4_895,
    keptForDuration: 12,
  };

  it('names what each rule kept, of how many requests', () => {
    expect(tailSummaryLine(withTail(0.07, { errors: true, slowerThanMs: 1500, ...counts }))).toBe(
      'traces kept: 5,083 of 19,955 requests (176 by the 7 % head sample, 4,895 with an error, ' +
        '12 longer than 1,500 ms)',
    );
    expect(
      tailSummaryLine(withTail(0, { errors: false, slowerThanMs: 250, ...counts, keptByHeadSample: 0 })),
    ).toBe('traces kept: 4,907 of 19,955 requests (0 by the 0 % head sample, 12 longer than 250 ms)');
  });

  it('says which share of the picked traces was kept', () => {
    const tail = {
      ...counts,
      errors: true,
      slowerThanMs: null,
      share: 0.05,
      keptForError: 245,
      keptForDuration: 0,
    };
    expect(tailSummaryLine(withTail(0.01, tail))).toBe(
      'traces kept: 421 of 19,955 requests (176 by the 1 % head sample, 245 with an error; ' +
        '5 % of the 4,907 the rules picked)',
    );
  });

  it('is null without tail rules or without traces', () => {
    expect(tailSummaryLine(withTail(0.01, undefined))).toBeNull();
    expect(tailSummaryLine({} as SimulationResult)).toBeNull();
  });
});
