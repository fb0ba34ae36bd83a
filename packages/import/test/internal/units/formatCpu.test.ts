// CPU written as Kubernetes manifests write it.

import { describe, expect, it } from 'vitest';

import { formatCpu } from '../../../src/internal/units/formatCpu.js';

describe('formatCpu', () => {
  it('writes CPU as Kubernetes manifests do: whole cores as numbers, the rest in millicores', () => {
    expect([formatCpu(2), formatCpu(0.25), formatCpu(1.5), formatCpu(0.001)]).toEqual([
      2,
      '250m',
      '1500m',
      '1m',
    ]);
  });
});
