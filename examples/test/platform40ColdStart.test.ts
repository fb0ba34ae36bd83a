// The cold start of docs/scenarios/platform-40.md as a contract, on its first simulated second: under
// istio-sidecar's defaults the sidecars absorb the TLS handshakes within their 2-core CPU limit; with the
// handshakes of a slower core they overrun it and a large share of the completed requests fail (more as the
// run goes on); with the limit lifted to the node's size the same slower handshakes are absorbed.

import { beforeAll, describe, expect, it } from 'vitest';

import { COLD_START_VARIANTS, platform40ColdStart } from '../coldstart/platform40ColdStart.js';
import type { ColdStartRow } from '../coldstart/platform40ColdStart.js';

describe('platform-40 at 20,000 req/s from a cold start (node CPU on)', () => {
  let defaults: ColdStartRow;
  let limited: ColdStartRow;
  let unlimited: ColdStartRow;
  beforeAll(() => {
    [defaults, limited, unlimited] = platform40ColdStart(COLD_START_VARIANTS.slice(0, 3), {
      durationMs: 1000,
    }) as [ColdStartRow, ColdStartRow, ColdStartRow];
  }, 180_000);

  it("istio-sidecar's defaults: the handshakes fit in the sidecars' limit, nearly every request succeeds", () => {
    expect(defaults.tlsHandshakes).toBeGreaterThan(10_000);
    expect(defaults.proxyThrottledMs).toBeLessThan(limited.proxyThrottledMs / 10);
    expect(defaults.success).toBeGreaterThan(0.99);
  });

  it('slower handshakes: the sidecars are throttled and a large share of the completed requests fail', () => {
    expect(limited.tlsHandshakes).toBeGreaterThan(10_000);
    expect(limited.proxyThrottledMs).toBeGreaterThan(1000);
    expect(limited.success).toBeLessThan(0.9);
  });

  it('the same slower handshakes under a sidecar limit of the node size: nothing throttled, most requests succeed', () => {
    expect(unlimited.tlsHandshakes).toBeGreaterThan(10_000);
    expect(unlimited.proxyThrottledMs).toBe(0);
    expect(unlimited.success).toBeGreaterThan(0.99);
  });
});
