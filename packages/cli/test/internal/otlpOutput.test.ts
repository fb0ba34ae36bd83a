// --otlp writes one OTLP/JSON request, or requests one per line for a .jsonl file; a request larger than a
// Collector takes by default gets a note, one larger than a JavaScript string fails in words; a run the heap
// guard stopped while keeping traces says what keeps fewer.

import { describe, expect, it } from 'vitest';

import type { SimulationResult } from '@meshsim/mesh';
import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';

import {
  COLLECTOR_REQUEST_LIMIT_BYTES,
  isJsonLinesPath,
  otlpOutput,
  tracesHeapHint,
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

describe('tracesHeapHint', () => {
  const stoppedBy = (reason: string, spans: number, tail: boolean): SimulationResult =>
    ({
      stopped: { reason, atMs: 1, message: '' },
      telemetry: { traces: { sampleRate: 0.01, spans: new Array(spans), ...(tail && { tail: {} }) } },
    }) as unknown as SimulationResult;

  it('names what keeps fewer spans when the heap guard stopped a run keeping traces', () => {
    expect(tracesHeapHint(stoppedBy('heap', 1_234_567, true))).toBe(
      'meshsim: the run was keeping 1,234,567 trace spans; --trace-keep-share, a lower --trace-sample or a ' +
        'shorter --duration keeps fewer',
    );
    expect(tracesHeapHint(stoppedBy('heap', 10, false))).toBe(
      'meshsim: the run was keeping 10 trace spans; a lower --trace-sample or a shorter --duration keeps fewer',
    );
  });

  it('is null for another guard, a run without spans, or a run that was not stopped', () => {
    expect(tracesHeapHint(stoppedBy('events', 10, true))).toBeNull();
    expect(tracesHeapHint(stoppedBy('heap', 0, true))).toBeNull();
    expect(
      tracesHeapHint({
        telemetry: { traces: { sampleRate: 1, spans: [{}] } },
      } as unknown as SimulationResult),
    ).toBeNull();
  });
});
