import { describe, expect, it } from 'vitest';

import { PROXY_TOTAL_LABEL, proxyKindRows, proxyTotalRow } from '../../src/columns/proxyColumns.js';
import { makePricedResult } from '../__helpers__/fixtures.js';

describe('proxy rows', () => {
  it('proxyKindRows(proxies) gives one row per kind, in result order', () => {
    expect(proxyKindRows(makePricedResult().proxies).map((r) => [r.kind, r.count])).toEqual([
      ['ztunnel', 6],
      ['vpc-lattice', 2],
    ]);
  });

  it("proxyTotalRow(proxies) takes the result's totals and sums queued traversals over kinds", () => {
    const proxies = makePricedResult().proxies;
    proxies.byKind[1]!.queued = 5;
    // count is the deployed proxies (the managed hop does not count), not the sum over kinds.
    expect(proxyTotalRow(proxies)).toMatchObject({ count: 6, cpuCores: 0.1591, queued: 365 });
  });

  it('proxyTotalRow(proxies) is labelled as counting proxies only: the kinds above it may add up to more', () => {
    const proxies = makePricedResult().proxies;
    const total = proxyTotalRow(proxies);
    expect(total.kind).toBe('total (count: proxies only)');
    expect(total.kind).toBe(PROXY_TOTAL_LABEL);
    expect(proxyKindRows(proxies).reduce((sum, row) => sum + row.count, 0)).toBeGreaterThan(total.count);
  });
});
