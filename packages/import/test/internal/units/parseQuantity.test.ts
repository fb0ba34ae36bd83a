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

describe('parseQuantity: exact values', () => {
  it('reads a decimal quantity as the nearest double to its exact value', () => {
    expect(parseCpuCores('3300m')).toBe(3.3);
    expect(parseCpuCores('1100m')).toBe(1.1);
    expect(parseQuantity('2Gi')).toBe(2147483648);
    expect(parseQuantity('1.5e-3')).toBe(0.0015);
  });
});
