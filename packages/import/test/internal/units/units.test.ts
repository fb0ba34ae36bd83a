// Durations, Kubernetes quantities and isotope byte sizes.

import { describe, expect, it } from 'vitest';

import { formatDurationMs } from '../../../src/internal/units/formatDurationMs.js';
import { parseByteSize } from '../../../src/internal/units/parseByteSize.js';
import { parseGoDurationMs } from '../../../src/internal/units/parseGoDurationMs.js';
import { parseCpuCores, parseMemoryMiB, parseQuantity } from '../../../src/internal/units/parseQuantity.js';

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

describe('formatDurationMs', () => {
  it('writes scenario durations', () => {
    expect(formatDurationMs(10_000)).toBe('10s');
    expect(formatDurationMs(1500)).toBe('1.5s');
    expect(formatDurationMs(1234)).toBe('1234ms');
    expect(formatDurationMs(250)).toBe('250ms');
    expect(formatDurationMs(0.5)).toBe('500us');
    expect(formatDurationMs(0)).toBe('0ms');
  });
});

describe('parseQuantity', () => {
  it('reads decimal and binary suffixes and exponents', () => {
    expect(parseCpuCores('250m')).toBe(0.25);
    expect(parseCpuCores('2')).toBe(2);
    expect(parseCpuCores(0.5)).toBe(0.5);
    expect(parseMemoryMiB('128Mi')).toBe(128);
    expect(parseMemoryMiB('1Gi')).toBe(1024);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1k')).toBe(1000);
    expect(parseQuantity('12 Mi')).toBeUndefined();
  });
});

describe('parseByteSize', () => {
  it('reads docker/go-units sizes in powers of 1024, as isotope does', () => {
    expect(parseByteSize('1 KB')).toBe(1024);
    expect(parseByteSize('10K')).toBe(10_240);
    expect(parseByteSize('16KiB')).toBe(16_384);
    expect(parseByteSize('1mb')).toBe(1_048_576);
    expect(parseByteSize(300)).toBe(300);
    expect(parseByteSize('lots')).toBeUndefined();
  });
});
