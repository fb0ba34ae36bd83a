// Kubernetes' CPU weight of a container from its CPU request: the kubelet's shares, then the runtime's cgroup v2
// conversion — checked at the points the sources give.

import { describe, expect, it } from 'vitest';
import { cpuSharesOfRequest, cpuWeightOfRequest } from '../../src/internal/index.js';

describe('cpuSharesOfRequest (the kubelet: MilliCPUToShares)', () => {
  it('is millicores × 1024 / 1000, rounded down, at least 2 and at most 2¹⁸', () => {
    expect(cpuSharesOfRequest(0.1)).toBe(102);
    expect(cpuSharesOfRequest(1)).toBe(1024);
    expect(cpuSharesOfRequest(0.001)).toBe(2);
    expect(cpuSharesOfRequest(undefined)).toBe(2);
    expect(cpuSharesOfRequest(0)).toBe(2);
    expect(cpuSharesOfRequest(1000)).toBe(262_144);
  });
});

describe('cpuWeightOfRequest (cgroup v2 cpu.weight, the runtimes’ 2025 conversion)', () => {
  it('maps no request to 1, a core to the default 100, 100m to 17, the largest to 10,000', () => {
    expect(cpuWeightOfRequest(undefined)).toBe(1);
    expect(cpuWeightOfRequest(1)).toBe(100);
    expect(cpuWeightOfRequest(0.1)).toBe(17);
    expect(cpuWeightOfRequest(0.2)).toBe(29);
    expect(cpuWeightOfRequest(1000)).toBe(10_000);
  });

  it('never decreases as the request grows, and stays within 1–10,000', () => {
    let last = 0;
    for (let milli = 0; milli <= 300_000; milli += 7) {
      const weight = cpuWeightOfRequest(milli / 1000);
      expect(weight).toBeGreaterThanOrEqual(last);
      expect(weight).toBeGreaterThanOrEqual(1);
      expect(weight).toBeLessThanOrEqual(10_000);
      last = weight;
    }
  });
});

describe('cpuWeightOfRequest under the other conversions', () => {
  it('linear (cgroup v2, runtimes before 2025): a core weighs 39, 100m 4, none 1 — runc issue 4772', () => {
    expect(cpuWeightOfRequest(1, 'linear')).toBe(39);
    expect(cpuWeightOfRequest(0.1, 'linear')).toBe(4);
    expect(cpuWeightOfRequest(undefined, 'linear')).toBe(1);
    expect(cpuWeightOfRequest(1000, 'linear')).toBe(10_000);
  });

  it('shares (cgroup v1): the shares themselves, 1024 a core, 2 without a request', () => {
    expect(cpuWeightOfRequest(1, 'shares')).toBe(1024);
    expect(cpuWeightOfRequest(0.1, 'shares')).toBe(102);
    expect(cpuWeightOfRequest(undefined, 'shares')).toBe(2);
  });
});
