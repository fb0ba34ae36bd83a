// Kubernetes quantities → cores and MiB.

import { describe, expect, it } from 'vitest';

import { parseCpuCores, parseMemoryMiB, parseQuantity } from '../../../src/internal/units/parseQuantity.js';

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
