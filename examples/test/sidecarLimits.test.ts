// The sidecar-limits example as a contract: frontend's sidecars get limits of their own; down to 100m nothing is
// throttled, at 50m a little, at 40m (about what they need) the queue runs away; a 4-core limit gives 4 workers
// (fewer traversals wait); and docs/import.md shows the example's table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { importCluster } from '../cluster/cpuLimits.js';
import { runSidecarLimits, sidecarLimitsTable } from '../cluster/sidecarLimits.js';

describe('sidecar-limits example (a sidecar CPU limit of its own)', () => {
  const { config } = importCluster();
  const rows = runSidecarLimits(config.durationMs);
  const [istioDefault, fourCores, m100, m50, m40] = rows.map((row) => row.result);
  const frontend = (result: typeof istioDefault) => result?.services.find((s) => s.name === 'frontend');
  const shoppers = (result: typeof istioDefault) => result?.edges.find((e) => e.source === 'shoppers');
  const waited = (result: typeof istioDefault) => result?.proxies.byKind[0]?.queued ?? NaN;

  it('throttles nothing down to 100m, a little at 50m, and runs away at 40m', () => {
    for (const result of [istioDefault, fourCores, m100])
      expect(frontend(result)?.sidecarThrottledMs).toBe(0);
    expect(frontend(m50)?.sidecarThrottledMs).toBeGreaterThan(500);
    expect(frontend(m40)?.sidecarThrottledMs).toBeGreaterThan(20 * (frontend(m50)?.sidecarThrottledMs ?? 0));
    expect(shoppers(m40)?.latency.p50Ms).toBeGreaterThan(20 * (shoppers(istioDefault)?.latency.p50Ms ?? 0));
    // Only frontend's sidecars changed: the other services' sidecars are never throttled.
    for (const result of [m50, m40])
      for (const service of result?.services ?? [])
        if (service.name !== 'frontend') expect(service.sidecarThrottledMs).toBe(0);
  });

  it('more workers with a larger limit, fewer with a smaller one: fewer or more traversals wait', () => {
    expect(waited(fourCores)).toBeLessThan(waited(istioDefault));
    expect(waited(m100)).toBeGreaterThan(2 * waited(istioDefault));
  });

  it('lowers the request with a limit below it, so that every variant is a pod Kubernetes accepts', () => {
    for (const result of [istioDefault, fourCores, m100, m50, m40])
      expect(result?.warnings.filter((w) => w.includes('Kubernetes refuses such a pod'))).toEqual([]);
  });

  it('docs/import.md shows its table', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/import.md', import.meta.url)), 'utf8');
    expect(page).toContain(sidecarLimitsTable(rows));
  });
});
