// Milliseconds → scenario durations.

import { describe, expect, it } from 'vitest';

import { formatDurationMs } from '../../../src/internal/units/formatDurationMs.js';

describe('formatDurationMs', () => {
  it('writes scenario durations', () => {
    expect(formatDurationMs(31_536_000_000)).toBe('8760h');
    expect(formatDurationMs(3_600_000)).toBe('1h');
    expect(formatDurationMs(5_400_000)).toBe('5400s');
    expect(formatDurationMs(10_000)).toBe('10s');
    expect(formatDurationMs(1500)).toBe('1.5s');
    expect(formatDurationMs(1234)).toBe('1234ms');
    expect(formatDurationMs(250)).toBe('250ms');
    expect(formatDurationMs(0.5)).toBe('500us');
    expect(formatDurationMs(0)).toBe('0ms');
  });
});
