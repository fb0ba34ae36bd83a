// The noisy-neighbour example as a contract: on a saturated node the API's tail follows its CPU request relative to
// its neighbour's (Kubernetes' CPU weights), the work done does not change, and docs/model.md shows the table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { simulate } from 'meshsim';
import type { CpuWeightConversion } from 'meshsim';

import {
  loadNoisyNeighbour,
  noisyNeighbourTable,
  runNoisyNeighbour,
  withRequests,
} from '../cpu/noisyNeighbour.js';

describe('noisy-neighbour example (CPU weights from requests)', () => {
  const rows = runNoisyNeighbour();
  const byLabel = new Map(rows.map((row) => [row.label, row.result]));
  const apiP99 = (label: string) =>
    byLabel.get(label)?.edges.find((edge) => edge.source === 'users')?.latency.p99Ms ?? Number.NaN;

  it("keeps the API's tail while it outweighs its neighbour, and loses it when the neighbour outweighs it", () => {
    const written = apiP99('api 250m, batch none (as written)');
    expect(apiP99('api none, batch none')).toBeGreaterThan(1.5 * written);
    expect(apiP99('api 1 core, batch 1 core')).toBeGreaterThan(1.5 * written);
    expect(apiP99('api 250m, batch 1 core')).toBeGreaterThan(5 * written);
  });

  it('makes the sidecars (100m) wait once their neighbours request more, not while they request nothing', () => {
    const sidecarWait = (label: string) =>
      byLabel.get(label)?.services.find((service) => service.name === 'api')?.sidecarCpuWaitMs ?? Number.NaN;
    expect(sidecarWait('api 1 core, batch 1 core')).toBeGreaterThan(
      100 * sidecarWait('api none, batch none'),
    );
  });

  it('saturates the node in every row and does the same work: the weights change who waits', () => {
    for (const { result } of rows) {
      expect(result.nodes[0]?.utilisation).toBeGreaterThan(0.99);
      const api = result.services.find((service) => service.name === 'api')?.cpuCores ?? 0;
      const first = rows[0]?.result.services.find((service) => service.name === 'api')?.cpuCores ?? 0;
      expect(api).toBeCloseTo(first, 2);
    }
  });

  it('under the older conversions (linear, cgroup v1 shares) the same requests protect the API less: its queues overflow', () => {
    const config = withRequests(loadNoisyNeighbour(), { label: '', apiCores: 0.25, batchCores: 1 });
    const users = (cpuWeights: CpuWeightConversion) =>
      simulate({ ...config, cpuWeights }).edges.find((edge) => edge.source === 'users');
    const quadratic = users('quadratic');
    expect(quadratic?.failed).toBe(0);
    for (const conversion of ['linear', 'shares'] as const) {
      const older = users(conversion);
      expect(older?.failures['rejected'] ?? 0).toBeGreaterThan(100);
      expect(older?.latency.p99Ms ?? 0).toBeGreaterThan(5 * (quadratic?.latency.p99Ms ?? Infinity));
    }
  });

  it('docs/model.md shows its table', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    expect(page).toContain(noisyNeighbourTable(rows));
  });
});
