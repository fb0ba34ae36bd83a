// Go, protobuf, Gateway API and Linkerd durations → milliseconds.

import { describe, expect, it } from 'vitest';

import { parseGoDurationMs } from '../../../src/internal/units/parseGoDurationMs.js';

describe('parseGoDurationMs', () => {
  it('reads Go, protobuf and Gateway API durations', () => {
    expect(parseGoDurationMs('1.5s')).toBe(1500);
    expect(parseGoDurationMs('300ms')).toBe(300);
    expect(parseGoDurationMs('1h30m')).toBe(5_400_000);
    expect(parseGoDurationMs('10us')).toBeCloseTo(0.01);
    expect(parseGoDurationMs('2d')).toBe(172_800_000);
    expect(parseGoDurationMs('0')).toBe(0);
  });

  it('rejects bare numbers and junk', () => {
    expect(parseGoDurationMs('5')).toBeUndefined();
    expect(parseGoDurationMs('5 s')).toBeUndefined();
    expect(parseGoDurationMs(5)).toBeUndefined();
    expect(parseGoDurationMs('')).toBeUndefined();
  });
});
