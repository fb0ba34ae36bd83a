import { describe, expect, it } from 'vitest';

import { renderJson, renderText } from '../src/index.js';
import type { PodEvents } from '@meshsim/mesh';

import { makeEmptyResult, makePricedResult, makeResult } from './__helpers__/fixtures.js';

describe('renderText', () => {
  it('renderText(result) starts with the scenario line: name, mesh, seed, duration with unit, events', () => {
    const text = renderText(makeResult());
    expect(text.split('\n')[0]).toBe(
      'Scenario retry-storm: mesh istio-sidecar, seed 42, duration 10 s, 1,234,567 events',
    );
  });

  it('renderText(result, { overrides }) names them under the scenario line; no line without', () => {
    const lines = renderText(makeResult(), {
      overrides: ['seed=7', 'services.checkout.deadlinePropagation=true'],
    }).split('\n');
    expect(lines[1]).toBe('Overrides: seed=7, services.checkout.deadlinePropagation=true');
    expect(lines[2]).toBe(makeResult().scenario.description);
    expect(renderText(makeResult())).not.toContain('Overrides');
    expect(renderText(makeResult(), { overrides: [] })).toBe(renderText(makeResult()));
  });

  it('renderText escapes a newline in a name in its tables (every row one line); JSON keeps the name', () => {
    const result = makeResult();
    const client = result.edges[0]?.source ?? '';
    const renamed = JSON.parse(
      JSON.stringify(result).split(`"${client}"`).join('"multi\\nline"'),
    ) as typeof result;
    const text = renderText(renamed);
    const edges = text.slice(text.indexOf('Edges ('));
    const rows = edges.split('\n\n')[0]?.split('\n').slice(3) ?? [];
    expect(rows.length).toBe(renamed.edges.length);
    expect(rows.filter((row) => row.startsWith('multi\\nline '))).toHaveLength(
      renamed.edges.filter((e) => e.source === 'multi\nline').length,
    );
    expect(text).not.toContain('multi\nline');
    expect(renderJson(renamed)).toContain('"multi\\nline"');
  });

  it('renderText(result) puts a unit in every numeric header', () => {
    const text = renderText(makeResult());
    for (const header of [
      'rate (req/s)',
      'success (%)',
      'goodput (% of offered)',
      'success of completed (%)',
      'p50 (ms)',
      'p99 (ms)',
      'utilisation (%)',
      'CPU (cores)',
      'memory (MiB)',
      'cost (USD/month)',
      'queued (traversals)',
    ]) {
      expect(text).toContain(header);
    }
  });

  it('renderText(result) prints one edge row with rate, success, latency and failure columns', () => {
    const text = renderText(makeResult());
    const row = text.split('\n').find((line) => line.startsWith('frontend → checkout'));
    expect(row?.split(/\s{2,}/)).toEqual([
      'frontend → checkout',
      '7,995',
      '799.5',
      '98.75',
      '0.251',
      '2.50',
      '1,510',
      '40',
      // rejected = queue full + breaker open
      '57',
      '3',
    ]);
  });

  it('renderText(result) right-aligns the numeric columns of the edge table', () => {
    const lines = renderText(makeResult()).split('\n');
    const header = lines.findIndex((line) => line.startsWith('source → destination'));
    const table = lines.slice(header, header + 4);
    // Right-aligned tables end every line at the same column.
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });

  it('renderText(result) prints services, proxies, conservation, warnings and assumptions', () => {
    const text = renderText(makeResult());
    expect(text).toMatch(/^checkout +2 +16 +66\.7 +9,450 +50 +0 +210 +128 +2\.40$/m);
    // The fixture has no prices: its cost is a dash.
    expect(text).toMatch(/^envoy-sidecar +5 +0\.333 +0\.500 +300\.3 +640\.0 +– +42 +–$/m);
    expect(text).toContain('Conservation: offered 8,000 = succeeded 7,900 + failed 95 + in flight 5 (holds)');
    const waiting = makeResult();
    (waiting.edges[0] as { waitingAtSource: number }).waitingAtSource = 3;
    expect(renderText(waiting)).toContain(
      'Conservation: offered 8,000 = succeeded 7,900 + failed 95 + in flight 5 (3 of them still waiting at their source for a connection) (holds)',
    );
    expect(text).toContain('Warnings:\n  - mesh none cannot enforce retries');
    expect(text).toContain('Assumptions:\n  - Sidecar latency is lognormal');
  });

  it("lists one warning per policy and service: the shape's own word, not also the generic 'not enforced' line", () => {
    const result = makeResult();
    const own =
      'connection-pool of service "orders": Linkerd has no Envoy-style connection-pool thresholds; use failureAccrual (balancer.linkerd.io/failure-accrual, Linkerd circuit-breaking docs)';
    result.warnings = [
      own,
      'connection-pool on service "orders" is not enforced: the linkerd mesh shape enforces it at a linkerd-proxy hop, which cannot; the policy is not applied',
    ];
    expect(renderText(result)).toContain(`Warnings:\n  - ${own}\n\n`);
  });

  it('renderText(result) lists policy events per edge, sorted by name', () => {
    const text = renderText(makeResult());
    expect(text).toMatch(
      /Policy events\n.*\n.*\nfrontend → checkout +breaker-trip +2\nfrontend → checkout +retry-budget-denied +120\n/,
    );
  });

  it('renderText(result) prints no policy-event table when there are none', () => {
    expect(renderText(makeEmptyResult())).not.toContain('Policy events');
  });

  it('renderText(result) lists only the policy events that happened; a line when every counter is 0', () => {
    // A policy's counters are on every edge it guards, most of them 0: the table lists the others.
    const result = makeResult();
    const edge = result.edges[1];
    if (edge === undefined) throw new Error('fixture: no second edge');
    edge.policyEvents = { 'breaker-overflow': 0, 'outlier-ejections': 0, 'retry-budget-denied': 7 };
    const text = renderText(result);
    expect(text).toMatch(/Policy events\n.*\n.*\nfrontend → checkout +retry-budget-denied +7\n\n/);
    expect(text).not.toContain('breaker-overflow');
    edge.policyEvents = { 'breaker-overflow': 0, 'outlier-ejections': 0 };
    const quiet = renderText(result);
    expect(quiet).toContain('\n\nPolicy events: none happened (every counter is 0)\n\n');
    expect(quiet).not.toContain('outlier-ejections');
    // The JSON keeps every counter.
    expect(JSON.parse(renderJson(result)).edges[1].policyEvents).toEqual({
      'breaker-overflow': 0,
      'outlier-ejections': 0,
    });
  });

  it('renderText(result) lists policy times in their own table headed with ms, not among the counts', () => {
    const text = renderText(makePricedResult());
    expect(text).toMatch(
      /\nPolicy time\nsource → destination +state +time, summed over breakers or hosts \(ms\)\n.*\nfrontend → checkout +breaker-open +1,234\.6\n/,
    );
    expect(text).not.toMatch(/Policy events\n(.+\n)*.*breaker-open /);
    // No time held: no table.
    expect(renderText(makeResult())).not.toContain('Policy time');
  });

  it('renderText(result) flags a conservation violation', () => {
    const result = makeResult();
    result.conservation.holds = false;
    expect(renderText(result)).toContain('(VIOLATED)');
  });

  it('renderText(emptyResult) prints `–` for undefined values and never NaN or undefined', () => {
    const text = renderText(makeEmptyResult());
    expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
    expect(text).toContain('duration 0 s');
    expect(text).toContain('Proxies: none');
    expect(text).toMatch(/^client → frontend +0 +– +– +– +– +0 +0 +0 +0$/m);
  });

  it('renderText(result) is deterministic', () => {
    expect(renderText(makeResult())).toBe(renderText(makeResult()));
  });

  it('renderText(result) prints the proxy cost per kind and in total, and where the prices come from', () => {
    const text = renderText(makePricedResult());
    expect(text).toMatch(
      /^ztunnel +6 +0\.159 +3\.000 +137\.4 +3072\.0 +22\.9 +360 +12\.5 +7\.3 +24 +5\.14$/m,
    );
    expect(text).toMatch(/^vpc-lattice +2 +0\.000 +0\.000 +0\.0 +0\.0 +– +0 +0\.0 +0\.0 +0 +36\.78$/m);
    expect(text).toMatch(
      /^total \(count: proxies only\) +6 +0\.159 +3\.000 +137\.4 +3072\.0 +– +360 +12\.5 +7\.3 +24 +41\.92\nPrices: list prices, "test" table\n/m,
    );
  });

  it('renderText(result) says the throttled and CPU wait times are sums, which can exceed the run (Service CPU, Proxies)', () => {
    const lines = renderText(makePricedResult()).split('\n');
    const headers = (column: string): string[] =>
      lines.find((line) => line.includes(column))?.split(/\s{2,}/) ?? [];
    expect(headers('pod CPU weight')).toEqual(
      expect.arrayContaining([
        'throttled, summed over containers (ms)',
        'sidecar throttled, summed over containers (ms)',
        'CPU wait, summed over tasks (ms)',
        'sidecar CPU wait, summed over tasks (ms)',
      ]),
    );
    expect(headers('TLS handshake ends')).toEqual(
      expect.arrayContaining(['throttled, summed over containers (ms)', 'CPU wait, summed over tasks (ms)']),
    );
  });

  it("renderText(result) labels the Proxies table's handshakes as ends, apart from the connections line's handshakes", () => {
    // A handshake between two proxies counts at both: the table's count is not the connections line's.
    const text = renderText(makePricedResult());
    const header = text.split('\n').find((line) => line.startsWith('kind  '));
    expect(header?.split(/\s{2,}/)).toContain('TLS handshake ends');
    expect(header).not.toMatch(/TLS handshakes/);
    // The connections line names the handshakes and their ends, so 12 and 24 cannot be misread.
    expect(text).toContain(
      'Connections: 12 opened, 12 TLS handshakes (24 handshake ends: a client and a server end each, as the Proxies table counts them; 9.60 ms of CPU)',
    );
  });

  it('renderText(result) says how many handshake ends were at proxies when not all were', () => {
    const result = makePricedResult();
    const ztunnel = result.proxies.byKind[0];
    if (ztunnel === undefined) throw new Error('fixture: no proxy kind');
    ztunnel.handshakes = 18;
    expect(renderText(result)).toContain(
      '12 TLS handshakes (24 handshake ends: a client and a server end each; 18 of them at proxies, as the Proxies table counts them; 9.60 ms of CPU)',
    );
    result.proxies.byKind.forEach((kind) => (kind.handshakes = 0));
    expect(renderText(result)).toContain(
      '12 TLS handshakes (24 handshake ends: a client and a server end each; 9.60 ms of CPU)',
    );
    result.connections = { ...result.connections, tlsHandshakes: 0 };
    expect(renderText(result)).toMatch(/^Connections: 12 opened, 0 TLS handshakes$/m);
  });

  it('renderText(result) shows proxy kinds that deploy no proxy (count 0), with their cost', () => {
    const result = makePricedResult();
    result.proxies = {
      count: 0,
      cpuCores: 0,
      memoryMiB: 0,
      byKind: [
        {
          kind: 'vpc-lattice',
          count: 5,
          cpuCores: 0,
          memoryMiB: 0,
          queued: 0,
          throttledMs: 0,
          cpuWaitMs: 0,
          costPerMonthUsd: 483,
        },
      ],
      costPerMonthUsd: 483,
      priceSource: 'list prices',
    };
    const text = renderText(result);
    expect(text).not.toContain('Proxies: none');
    expect(text).toMatch(/^vpc-lattice +5 +0\.000 +0\.0 +– +0 +0\.0 +0\.0 +483\.00$/m);
  });

  it('renderText(result) labels the totals row as counting proxies only when a node agent has a row (12 + 12 kinds, 12 proxies)', () => {
    const result = makePricedResult();
    result.proxies = {
      count: 12,
      cpuCores: 0.16,
      cpuRequestedCores: 3.6,
      memoryMiB: 137.4,
      memoryRequestedMiB: 7344,
      byKind: [
        {
          kind: 'ztunnel',
          count: 12,
          cpuCores: 0.16,
          memoryMiB: 137.4,
          queued: 0,
          throttledMs: 0,
          cpuWaitMs: 0,
          cpuRequestedCores: 2.4,
          memoryRequestedMiB: 6144,
        },
        {
          kind: 'istio-cni',
          count: 12,
          cpuCores: 0,
          memoryMiB: 0,
          queued: 0,
          throttledMs: 0,
          cpuWaitMs: 0,
          cpuRequestedCores: 1.2,
          memoryRequestedMiB: 1200,
        },
      ],
    };
    const rows = renderText(result)
      .split('\n')
      .filter((line) => /^(ztunnel|istio-cni|total)/.test(line));
    expect(rows.map((row) => row.split(/ {2,}/).slice(0, 2))).toEqual([
      ['ztunnel', '12'],
      ['istio-cni', '12'],
      ['total (count: proxies only)', '12'],
    ]);
    // The other columns add up every row, the node agent's requests included.
    expect(rows[2]).toMatch(/ 3\.600 /);
  });
});

describe('renderText pod events', () => {
  const podEvents: PodEvents = {
    events: [
      { atMs: 60_000, service: 'payments', pod: 'payments-1', kind: 'crashed' },
      { atMs: 60_000, service: 'payments', pod: 'payments-1', kind: 'notReady' },
      { atMs: 60_000, service: 'payments', pod: 'payments-1', kind: 'started' },
      { atMs: 61_250, service: 'cart', pod: 'cart-2', kind: 'notReady' },
      { atMs: 85_000, service: 'payments', pod: 'payments-1', kind: 'started' },
      { atMs: 281_000, service: 'payments', pod: 'payments-1', kind: 'ready' },
    ],
    omitted: 0,
    limit: 200,
  };

  it('prints one line per pod, in the order of their first event, each time with its unit', () => {
    const text = renderText({ ...makeResult(), podEvents });
    const section = text.slice(text.indexOf('Pod events')).split('\n\n')[0];
    expect(section).toBe(
      [
        'Pod events',
        '  payments-1: 60.0 s crashed, NotReady, restarted; 85.0 s restarted; 281.0 s Ready',
        '  cart-2: 61.3 s NotReady',
      ].join('\n'),
    );
  });

  it('says how many events it left out past the limit', () => {
    const text = renderText({ ...makeResult(), podEvents: { ...podEvents, omitted: 57 } });
    expect(text).toContain('Pod events (the first 200; 57 later not shown)\n');
  });

  it('has no section, and the JSON no podEvents, when no pod changed', () => {
    expect(renderText(makeResult())).not.toContain('Pod events');
    expect(renderJson(makeResult())).not.toContain('"podEvents"');
  });

  it('renderJson keeps every event, the limit and the count left out', () => {
    const doc = JSON.parse(renderJson({ ...makeResult(), podEvents: { ...podEvents, omitted: 3 } })) as {
      podEvents: unknown;
    };
    expect(doc.podEvents).toEqual({ ...podEvents, omitted: 3 });
  });
});
