import { describe, expect, it } from 'vitest';

import {
  renderEdgesCsv,
  renderProxiesCsv,
  renderServiceSeriesCsv,
  renderTimeSeriesCsv,
  renderVersionsCsv,
} from '../src/index.js';
import { emptyEdge, makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

/** Splits CSV text without quoted fields into rows of cells. */
function parse(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('renderEdgesCsv', () => {
  it('renderEdgesCsv(result) writes a header with units and one row per edge', () => {
    const [header, ...rows] = parse(renderEdgesCsv(makeResult()));
    expect(header).toContain('rate_rps');
    expect(header).toContain('p99_ms');
    expect(header).toContain('success_ratio');
    expect(header).toContain('failed_per_try_timeout');
    expect(rows).toHaveLength(2);
    // Policy-event columns: the union over edges, sorted, after the fixed columns.
    expect(header?.slice(-2)).toEqual(['policy_breaker_trip', 'policy_retry_budget_denied']);
    expect(rows[0]?.slice(-2)).toEqual(['0', '0']);
    const row = Object.fromEntries((header ?? []).map((name, i) => [name, rows[1]?.[i]]));
    expect(row).toMatchObject({
      source: 'frontend',
      destination: 'checkout',
      calls: '7995',
      retries: '1510',
      failed_rejected: '50',
      rate_rps: '799.5',
      failed_breaker_open: '7',
      policy_breaker_trip: '2',
      policy_retry_budget_denied: '120',
      p99_ms: '2.5',
      mean_ms: '0.333333',
    });
  });

  it('renderEdgesCsv(result) quotes cells with commas, quotes or newlines', () => {
    const result = makeEmptyResult();
    result.edges = [emptyEdge('a,b', 'say "hi"')];
    const csv = renderEdgesCsv(result);
    expect(csv.split('\n')[1]?.startsWith('"a,b","say ""hi"""')).toBe(true);
  });

  it('renderEdgesCsv(emptyResult) leaves undefined values empty, never NaN', () => {
    const csv = renderEdgesCsv(makeEmptyResult());
    expect(csv).not.toMatch(/NaN|undefined|Infinity|null/);
    const [header, row] = parse(csv);
    expect(row).toHaveLength(header?.length ?? -1);
  });
});

describe('renderProxiesCsv', () => {
  it('renderProxiesCsv(result) writes one row per proxy kind and a total row, with cost and price source', () => {
    expect(renderProxiesCsv(makePricedResult()).split('\n')).toEqual([
      'kind,count,cpu_cores,cpu_requested_cores,memory_mib,memory_requested_mib,max_memory_mib,queued,throttled_ms,cpu_wait_ms,tls_handshake_ends,cost_usd_per_month,price_source',
      'ztunnel,6,0.1591,3,137.4,3072,22.9,360,12.5,7.25,24,5.1403,"list prices, ""test"" table"',
      'vpc-lattice,2,0,0,0,0,,0,0,0,0,36.7775,"list prices, ""test"" table"',
      'total (count: proxies only),6,0.1591,3,137.4,3072,,360,12.5,7.25,24,41.9178,"list prices, ""test"" table"',
      '',
    ]);
  });

  it('renderProxiesCsv(result) leaves cost and price source empty without prices, and has a total row without proxies', () => {
    const [, kind, total] = parse(renderProxiesCsv(makeResult()));
    expect(kind).toEqual([
      'envoy-sidecar',
      '5',
      '0.333333',
      '0.5',
      '300.25',
      '640',
      '',
      '42',
      '0',
      '0',
      '0',
      '',
      '',
    ]);
    expect(total?.slice(0, 2)).toEqual(['total (count: proxies only)', '5']);
    expect(parse(renderProxiesCsv(makeEmptyResult())).slice(1)).toEqual([
      ['total (count: proxies only)', '0', '0', '0', '0', '0', '', '0', '0', '0', '0', '', ''],
    ]);
  });
});

describe('renderTimeSeriesCsv', () => {
  it('renderTimeSeriesCsv(result) writes one row per interval per edge', () => {
    const [header, ...rows] = parse(renderTimeSeriesCsv(makeResult()));
    expect(header).toEqual([
      'interval_start_ms',
      'interval_end_ms',
      'source',
      'destination',
      'calls',
      'succeeded',
      'goodput',
      'failed',
      'retries',
      'waiting_at_source',
      'rate_rps',
      'p50_ms',
      'p99_ms',
    ]);
    expect(rows).toEqual([
      ['0', '5000', 'client', 'frontend', '4000', '3990', '3990', '5', '0', '0', '800', '4.1', '20.5'],
      ['5000', '10000', 'client', 'frontend', '4000', '3910', '3910', '90', '0', '0', '800', '4.3', '40.25'],
      ['0', '5000', 'frontend', 'checkout', '3995', '3990', '3990', '3', '10', '0', '799', '0.25', '2.5'],
      // No successful call in the interval: the latency cells are empty, not 0.
      ['5000', '10000', 'frontend', 'checkout', '3995', '0', '0', '90', '1500', '0', '799', '', ''],
    ]);
  });

  it("renderTimeSeriesCsv(result) gives a connection-limited source's backlog at each interval's end", () => {
    const result = makeResult();
    const source = result.timeSeries.edges.find((s) => s.source === 'client');
    if (source === undefined) throw new Error('no source series');
    source.waitingAtSource = [500, 1500];
    const [header = [], ...rows] = parse(renderTimeSeriesCsv(result));
    const column = header.indexOf('waiting_at_source');
    expect(rows.map((row) => row[column])).toEqual(['500', '1500', '0', '0']);
  });

  it('renderTimeSeriesCsv(result) counts goodput where the calls were offered, beside successes by completion', () => {
    const result = makeResult();
    const source = result.timeSeries.edges.find((s) => s.source === 'client');
    if (source === undefined) throw new Error('no source series');
    source.goodput = [3950, 3950]; // 40 of the first interval's calls completed in the second
    const [header = [], ...rows] = parse(renderTimeSeriesCsv(result));
    const goodput = header.indexOf('goodput');
    const succeeded = header.indexOf('succeeded');
    expect(rows.slice(0, 2).map((row) => [row[succeeded], row[goodput]])).toEqual([
      ['3990', '3950'],
      ['3910', '3950'],
    ]);
  });

  it('renderTimeSeriesCsv(emptyResult) has no NaN or undefined', () => {
    expect(renderTimeSeriesCsv(makeEmptyResult())).not.toMatch(/NaN|undefined|Infinity|null/);
  });
});

describe('renderServiceSeriesCsv', () => {
  it('renderServiceSeriesCsv(result) writes one row per interval per service', () => {
    expect(parse(renderServiceSeriesCsv(makeResult()))).toEqual([
      [
        'interval_start_ms',
        'interval_end_ms',
        'service',
        'utilisation_ratio',
        'queue_length',
        'completed',
        'rejected',
      ],
      ['0', '5000', 'frontend', '0.3', '0', '3995', '0'],
      ['5000', '10000', 'frontend', '0.6', '17', '3998', '0'],
      ['0', '5000', 'checkout', '0.5', '0', '4500', '0'],
      ['5000', '10000', 'checkout', '0.8', '128', '4898', '50'],
    ]);
  });
});

describe('renderVersionsCsv', () => {
  it('writes one row per service version with its share of the service arrivals', () => {
    const result = makePricedResult();
    const lines = renderVersionsCsv(result).trimEnd().split('\n');
    const checkout = result.services[1];
    expect(lines[0]).toBe(
      'service,version,instances,arrived,share_ratio,completed,rejected,errors,success_ratio',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2).join('/'))).toEqual(
      (checkout?.versions ?? []).map((v) => `checkout/${v.name}`),
    );
    const first = checkout?.versions[0];
    expect(lines[1]?.split(',')[4]).toBe(
      String(Number(((first?.arrived ?? 0) / (checkout?.arrived ?? 1)).toFixed(6))),
    );
  });
});
