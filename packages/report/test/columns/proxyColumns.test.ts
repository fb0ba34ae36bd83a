import { describe, expect, it } from 'vitest';

import { proxyKindRows, proxyTotalRow } from '../../src/columns/proxyColumns.js';
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
    expect(proxyTotalRow(proxies)).toMatchObject({ kind: 'total', count: 6, cpuCores: 0.1591, queued: 365 });
  });
});
