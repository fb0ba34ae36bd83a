// A connection-limited source's backlog (calls waiting at the source for a free connection) in `run --json` on the
// real binary: the edge's total and, per interval, `timeSeries.edges[].waitingAtSource[]` (docs/output-formats.md).

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';

/** wrk2-like: 1000 calls/s over 4 connections to a service that answers 4 calls per 20 ms (200/s): calls pile up. */
const LIMITED = writeTempFile(
  'waiting-at-source.yaml',
  `name: waiting-at-source
seed: 1
duration: 3s
services:
  api:
    replicas: 1
    concurrency: 4
    serviceTime: { constant: 20ms }
traffic:
  - { name: wrk2, to: api, rate: 1000/s, connections: 4 }
`,
);

interface EdgeSeriesJson {
  source: string;
  destination: string;
  calls: number[];
  waitingAtSource?: number[];
}

describe('waitingAtSource in run --json (the real binary)', () => {
  it('gives the per-interval waitingAtSource[] of a source with connections, ending at the edge’s total', () => {
    const run = meshsim('run', LIMITED, '--json', '--no-progress');
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as {
      edges: { source: string; waitingAtSource: number }[];
      timeSeries: { startMs: number[]; edges: EdgeSeriesJson[] };
    };
    const edge = document.edges.find((e) => e.source === 'wrk2');
    const series = document.timeSeries.edges.find((s) => s.source === 'wrk2');
    expect(edge?.waitingAtSource).toBeGreaterThan(1000);
    expect(series?.waitingAtSource).toHaveLength(document.timeSeries.startMs.length);
    expect(series?.waitingAtSource?.at(-1)).toBe(edge?.waitingAtSource);
    // The backlog grows every second: 1000 due, about 200 sent.
    const waiting = series?.waitingAtSource ?? [];
    expect(waiting.every((n, i) => i === 0 || n > (waiting[i - 1] ?? 0))).toBe(true);
  });
});
