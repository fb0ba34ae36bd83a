// The cpu-limits example as a contract: the import reads the cluster's files (nodes, limits), checkout's
// 300m limit throttles it and stretches the shoppers' tail, raising or removing the limit does not, the same
// work is done in every variant, and docs/import.md shows the example's table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { cpuLimitsTable, importCluster, runCpuLimits } from '../cluster/cpuLimits.js';

describe('cpu-limits example (imported manifests, Nodes and a fragment)', () => {
  const { config } = importCluster();
  const rows = runCpuLimits(config.durationMs);
  const [imported, oneCore, unlimited] = rows.map((row) => row.result);
  const checkout = (result: typeof imported) => result?.services.find((s) => s.name === 'checkout');
  const shoppers = (result: typeof imported) => result?.edges.find((e) => e.source === 'shoppers');

  it("imports the Nodes' size and the containers' limits", () => {
    expect(config.clusters.map((c) => [c.zones.map((z) => z.nodes), c.nodeCpu])).toEqual([[[1, 1, 1], 1.93]]);
    expect(config.services.find((s) => s.name === 'checkout')?.cpuLimitCores).toBe(0.3);
  });

  it("throttles checkout at its 300m limit and stretches the shoppers' p99; 1 core or no limit does not", () => {
    expect(checkout(imported)?.cpuThrottledMs).toBeGreaterThan(1000);
    expect(checkout(oneCore)?.cpuThrottledMs).toBe(0);
    expect(checkout(unlimited)?.cpuThrottledMs).toBe(0);
    expect(shoppers(imported)?.latency.p99Ms).toBeGreaterThan(
      3 * (shoppers(oneCore)?.latency.p99Ms ?? Infinity),
    );
    // The same requests, the same work: the limit changes when it runs, not how much there is.
    expect(checkout(oneCore)?.cpuCores).toBeCloseTo(checkout(imported)?.cpuCores ?? 0, 2);
  });

  it('docs/import.md shows its table', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/import.md', import.meta.url)), 'utf8');
    expect(page).toContain(cpuLimitsTable(rows));
  });
});
