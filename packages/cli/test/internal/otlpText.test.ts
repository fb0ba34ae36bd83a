// --otlp of a run with more spans than one JSON string can hold fails in words, naming what to lower; other
// errors pass through unchanged.

import { describe, expect, it } from 'vitest';

import type { SimulationResult } from '@meshsim/mesh';

import { otlpText } from '../../src/internal/otlpText.js';

const traced = {
  telemetry: { traces: { sampleRate: 1, spans: new Array(1_234_567) } },
} as unknown as SimulationResult;
const anchor = { startTimeMs: 0 };

describe('otlpText', () => {
  it('returns what the renderer makes', () => {
    expect(otlpText(traced, anchor, 't.json', () => '{}\n')).toBe('{}\n');
  });

  it('says when the spans are too many for one OTLP/JSON text, and what to lower', () => {
    const tooLong = (): string => {
      throw new RangeError('Invalid string length');
    };
    expect(() => otlpText(traced, anchor, 't.json', tooLong)).toThrow(
      "cannot write 't.json' (--otlp): its 1,234,567 spans make more text than one OTLP/JSON request can hold; " +
        'lower --trace-sample (1) or --duration (the other outputs were written)',
    );
  });

  it('lets any other error through', () => {
    const broken = (): string => {
      throw new Error('no traces');
    };
    expect(() => otlpText(traced, anchor, 't.json', broken)).toThrow('no traces');
  });
});
