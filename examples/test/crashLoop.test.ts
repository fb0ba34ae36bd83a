// The crash-loop example as a contract: the kubelet's backoff sets when payments is back, the same under every mesh
// shape; its readiness probe when callers see it again; and the mesh how many retries the outage costs (an Envoy or
// Linkerd hop does not retry a destination with no ready endpoint, an application does). docs/model.md shows the table.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { crashLoopTable, lastReadyMs, runCrashLoop } from '../crashloop/crashLoop.js';

describe('crash-loop example (CrashLoopBackOff behind a readiness probe)', () => {
  const rows = runCrashLoop();
  const byShape = new Map(rows.map((row) => [row.shape, row]));
  const retriesPerCall = (shape: string): number => {
    const edge = byShape
      .get(shape as never)
      ?.result.edges.find((e) => e.source === 'checkout' && e.destination === 'payments');
    return edge === undefined ? Number.NaN : edge.retries / edge.calls;
  };

  it("brings payments back at the kubelet's restart after the fault (crashes at 20, 28, 46 s; restarts at 20, 38, 66 s) under every shape", () => {
    for (const { result, diagnosis } of rows) {
      expect(diagnosis.lastTriggerEndMs).toBe(66_000);
      const started = (result.podEvents?.events ?? [])
        .filter((e) => e.pod === 'payments-1' && e.kind === 'started')
        .map((e) => e.atMs);
      expect(started).toEqual([20_000, 38_000, 66_000]);
    }
  });

  it('routes to payments again only once its probe passes: after initialDelay, within a period more', () => {
    for (const { result } of rows) {
      const ready = lastReadyMs(result, 'payments') ?? Number.NaN;
      expect(ready).toBeGreaterThanOrEqual(66_000 + 2_000);
      expect(ready).toBeLessThanOrEqual(66_000 + 2_000 + 2_000);
    }
  });

  it('recovers every shape within seconds of the restart', () => {
    for (const { diagnosis } of rows) {
      expect(diagnosis.verdict).toBe('degraded-recovered');
      expect(diagnosis.recoveryMs).toBeLessThan(10_000);
    }
  });

  it("costs the applications' own retries (none, ambient without a waypoint) over ten times the sidecars' and Linkerd's", () => {
    for (const app of ['none', 'istio-ambient']) {
      for (const proxy of ['linkerd', 'istio-sidecar']) {
        expect(retriesPerCall(app)).toBeGreaterThan(10 * retriesPerCall(proxy));
      }
    }
  });

  it('is the table docs/model.md shows', () => {
    const page = readFileSync(fileURLToPath(new URL('../../docs/model.md', import.meta.url)), 'utf8');
    for (const line of crashLoopTable(rows).trimEnd().split('\n')) expect(page, line).toContain(line);
  });
});
