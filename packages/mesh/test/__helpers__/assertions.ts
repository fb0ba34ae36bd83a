// Invariants of every simulation result, written once and reused by unit and property tests.

import { expect } from 'vitest';
import type { SimulationResult } from '../../src/index.js';

/** Conservation: on every edge, calls = succeeded + failed + in flight; sources sum likewise. */
export function assertConservation(result: SimulationResult): void {
  for (const edge of result.edges) {
    expect(edge.succeeded + edge.failed + edge.inFlight, `${edge.source}->${edge.destination}`).toBe(
      edge.calls,
    );
    const byCause = Object.values(edge.failures).reduce((a, b) => a + b, 0);
    expect(byCause, `failures by cause ${edge.source}->${edge.destination}`).toBe(edge.failed);
  }
  const c = result.conservation;
  expect(c.holds).toBe(true);
  expect(c.succeeded + c.failed + c.inFlight).toBe(c.offered);
}

/**
 * The tries of the calling application's `appRetry`: one number for every edge, or per edge (`'a->b'`), 1 (no
 * `appRetry`) for an edge the record does not name.
 */
export type AppAttempts = number | Readonly<Record<string, number>>;

/**
 * Bounded retries: no edge retries more than (maxAttempts − 1) × calls; the calling application re-issues a call at
 * most appAttempts − 1 times (`appRetry`, each re-issue a call of its own), so each call it offered makes at most
 * appAttempts × maxAttempts tries. Given per edge, an edge without `appRetry` re-issues nothing.
 */
export function assertRetriesBounded(
  result: SimulationResult,
  maxAttempts: number,
  appAttempts: AppAttempts = 1,
): void {
  for (const edge of result.edges) {
    const where = `${edge.source}->${edge.destination}`;
    const app = typeof appAttempts === 'number' ? appAttempts : (appAttempts[where] ?? 1);
    expect(edge.retries, where).toBeLessThanOrEqual((maxAttempts - 1) * edge.calls);
    expect(edge.attempts, where).toBe(edge.calls - edge.waitingAtSource + edge.retries);
    const appRetries = edge.policyEvents['app-retries'] ?? 0;
    const offered = edge.calls - appRetries;
    expect(appRetries, `${where}: app re-issues`).toBeLessThanOrEqual((app - 1) * offered);
    expect(edge.attempts, `${where}: tries per offered call`).toBeLessThanOrEqual(
      app * maxAttempts * offered,
    );
  }
}

/** No NaN or undefined anywhere in the result. */
export function assertFinite(result: SimulationResult): void {
  const text = JSON.stringify(result, (_k, v: unknown) =>
    typeof v === 'number' && Number.isNaN(v) ? 'NaN!' : v,
  );
  expect(text).not.toContain('NaN!');
}

/** Percentiles never decrease: p50 <= p90 <= p98.5 <= p99 <= p99.5 <= p99.9 <= max, for every edge and service. */
export function assertMonotonePercentiles(result: SimulationResult): void {
  const all = [
    ...result.edges.map((e) => [`edge ${e.source}->${e.destination}`, e.latency] as const),
    ...result.services.map((s) => [`service ${s.name}`, s.latency] as const),
  ];
  for (const [name, l] of all) {
    if (l.count === 0) continue;
    const chain = [l.p50Ms, l.p90Ms, l.p985Ms ?? l.p90Ms, l.p99Ms, l.p995Ms ?? l.p99Ms, l.p999Ms, l.maxMs];
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i], `${name} percentiles ${chain.join(' <= ')}`).toBeGreaterThanOrEqual(
        (chain[i - 1] as number) - 1e-9,
      );
    }
  }
}

/** Every number in the result is finite and >= 0 (Infinity, NaN or a negative count is a bug). */
export function assertNumbersFiniteNonNegative(result: SimulationResult): void {
  const bad: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < 0) bad.push(`${path} = ${value}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, `${path}.${key}`);
    }
  };
  walk(result, 'result');
  expect(bad.slice(0, 5)).toEqual([]);
}

/** Utilisation (per service and per interval) is a fraction in [0, 1]. */
export function assertUtilisationBounded(result: SimulationResult): void {
  for (const svc of result.services) {
    expect(svc.utilisation, svc.name).toBeGreaterThanOrEqual(0);
    expect(svc.utilisation, svc.name).toBeLessThanOrEqual(1 + 1e-9);
  }
  for (const series of result.timeSeries.services) {
    for (const u of series.utilisation) expect(u, series.name).toBeLessThanOrEqual(1 + 1e-9);
  }
  // A node's cores are never more than all busy.
  for (const node of result.nodes) {
    expect(node.utilisation, node.name).toBeGreaterThanOrEqual(0);
    expect(node.utilisation, node.name).toBeLessThanOrEqual(1 + 1e-9);
  }
}

/**
 * Connections add up: a TLS handshake completes only on a connection that was opened, and the edges' own
 * counts of connections opened for their calls are part of the run's.
 */
export function assertConnectionsAddUp(result: SimulationResult): void {
  const { opened, tlsHandshakes } = result.connections;
  expect(tlsHandshakes, 'TLS handshakes ≤ connections opened').toBeLessThanOrEqual(opened);
  const byEdges = result.edges.reduce((sum, edge) => sum + edge.connectionsOpened, 0);
  expect(byEdges, "edges' connections opened = the run's").toBe(opened);
}

/**
 * Breaker and ejection counters tell a legal story: nothing is half-open or open for a while that never
 * opened, failure-accrual openings are a subset of all openings, ejections add up by cause, and no host
 * is ejected for a while without an ejection; policy events are counts (whole numbers), times in a state are apart.
 */
export function assertLegalTransitions(result: SimulationResult): void {
  for (const edge of result.edges) {
    const n = (name: string): number => edge.policyEvents[name] ?? 0;
    const ms = (name: string): number => edge.policyTimeMs[name] ?? 0;
    const where = `${edge.source}->${edge.destination}`;
    for (const [name, value] of Object.entries(edge.policyEvents)) {
      expect(Number.isInteger(value), `${where}: policy event ${name} is a count (${value})`).toBe(true);
    }
    if (n('breaker-opened') === 0) {
      expect(n('breaker-half-open-probes'), `${where}: probes without an opening`).toBe(0);
      expect(ms('breaker-open'), `${where}: open time without an opening`).toBe(0);
    }
    expect(n('failure-accrual-ejections'), where).toBeLessThanOrEqual(n('breaker-opened'));
    expect(
      n('outlier-ejections-consecutive-5xx') +
        n('outlier-ejections-consecutive-gateway') +
        n('outlier-ejections-success-rate') +
        n('outlier-ejections-failure-percentage'),
      `${where}: ejections by cause`,
    ).toBe(n('outlier-ejections'));
    if (n('outlier-ejections') === 0) expect(ms('outlier-ejected-host'), where).toBe(0);
  }
}

/**
 * The time series add up to the totals: per edge, the intervals' calls, successes, failures and retries sum
 * to the edge's, and per service the completed and rejected requests to the service's; every series has one
 * value per interval; and the calls waiting at a source at the last interval's end are the edge's
 * `waitingAtSource` (none when the series is absent).
 */
export function assertTimeSeriesAddUp(result: SimulationResult): void {
  const intervals = result.timeSeries.startMs.length;
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  for (const series of result.timeSeries.edges) {
    const where = `${series.source}->${series.destination}`;
    const edge = result.edges.find((e) => e.source === series.source && e.destination === series.destination);
    if (edge === undefined) continue;
    for (const values of [series.calls, series.succeeded, series.failed, series.retries])
      expect(values, where).toHaveLength(intervals);
    expect(sum(series.calls), `${where}: calls`).toBe(edge.calls);
    expect(sum(series.succeeded), `${where}: succeeded`).toBe(edge.succeeded);
    expect(sum(series.failed), `${where}: failed`).toBe(edge.failed);
    expect(sum(series.retries), `${where}: retries`).toBe(edge.retries);
    const waiting = series.waitingAtSource;
    if (waiting === undefined) expect(edge.waitingAtSource, `${where}: waiting at the end`).toBe(0);
    else {
      expect(waiting, where).toHaveLength(intervals);
      expect(waiting.at(-1), `${where}: waiting at the end`).toBe(edge.waitingAtSource);
    }
  }
  for (const series of result.timeSeries.services) {
    const service = result.services.find((s) => s.name === series.name);
    if (service === undefined) continue;
    for (const values of [series.utilisation, series.queueLength, series.completed, series.rejected])
      expect(values, series.name).toHaveLength(intervals);
    expect(sum(series.completed), `${series.name}: completed`).toBe(service.completed);
    expect(sum(series.rejected), `${series.name}: rejected`).toBe(service.rejected);
  }
}

/**
 * The simulated clock only moves forward, one interval at a time: the series' intervals start at 0, in strictly
 * increasing order, at most `intervalMs` apart, and before the run's end (or the time a guard stopped it at).
 */
export function assertClockMonotonic(result: SimulationResult): void {
  const { startMs, intervalMs } = result.timeSeries;
  const endMs = result.stopped?.atMs ?? result.scenario.durationMs;
  if (startMs.length > 0) expect(startMs[0], 'first interval starts at 0').toBe(0);
  startMs.forEach((start, i) => {
    expect(start, `interval ${i} starts before the end (${endMs} ms)`).toBeLessThan(endMs);
    if (i === 0) return;
    const step = start - (startMs[i - 1] ?? 0);
    expect(step, `interval ${i} starts after interval ${i - 1}`).toBeGreaterThan(0);
    expect(step, `interval ${i} starts at most one interval after ${i - 1}`).toBeLessThanOrEqual(
      intervalMs + 1e-9,
    );
  });
}

/**
 * Each service's requests are accounted for: those that reached an instance were served, refused or dropped at
 * most once each (the rest were in progress at the end or reset by a crash); errors and wasted work are
 * among the completed; and its versions' counts add up to the service's.
 */
export function assertServiceAccounting(result: SimulationResult): void {
  for (const s of result.services) {
    const ended =
      s.completed + s.rejected + s.rateLimited + s.denied + s.shed + s.deadlineDropped + s.cancelled;
    expect(ended, `${s.name}: requests ended <= arrived`).toBeLessThanOrEqual(s.arrived);
    expect(s.errors, `${s.name}: errors <= completed`).toBeLessThanOrEqual(s.completed);
    expect(s.wasted, `${s.name}: wasted <= completed`).toBeLessThanOrEqual(s.completed);
    const sum = (field: 'arrived' | 'completed' | 'rejected' | 'errors'): number =>
      s.versions.reduce((n, v) => n + v[field], 0);
    for (const field of ['arrived', 'completed', 'rejected', 'errors'] as const)
      expect(sum(field), `${s.name}: versions' ${field}`).toBe(s[field]);
  }
}

/**
 * The nodes hold what was placed: each node's pods a whole number, its requests not negative, and no more pods on
 * the listed nodes (those with a size) than the run has instances and waypoint pods.
 */
export function assertPodsPlaced(result: SimulationResult): void {
  let pods = 0;
  for (const node of result.nodes) {
    expect(Number.isInteger(node.pods) && node.pods >= 0, `${node.name}: pods ${node.pods}`).toBe(true);
    expect(node.cpuRequestedCores, `${node.name}: CPU requested`).toBeGreaterThanOrEqual(0);
    pods += node.pods;
  }
  const instances = result.services.reduce((sum, service) => sum + service.instances, 0);
  const waypoints = result.proxies.byKind.find((kind) => kind.kind === 'waypoint')?.count ?? 0;
  expect(pods, 'pods on the nodes ≤ instances + waypoint pods').toBeLessThanOrEqual(instances + waypoints);
}

/**
 * Every invariant of a result at once: conservation per edge and cause, attempts = calls + retries within
 * `maxAttempts` (times `appAttempts` per call the application offered), monotone percentiles, finite non-negative numbers, utilisation <= 1, legal transitions, time
 * series that add up to the totals on a clock that only moves forward, each service's requests accounted for, and
 * pods placed on the nodes.
 */
export function assertResultInvariants(
  result: SimulationResult,
  maxAttempts: number,
  appAttempts: AppAttempts = 1,
): void {
  assertConservation(result);
  assertRetriesBounded(result, maxAttempts, appAttempts);
  assertMonotonePercentiles(result);
  assertNumbersFiniteNonNegative(result);
  assertUtilisationBounded(result);
  assertLegalTransitions(result);
  assertTimeSeriesAddUp(result);
  assertClockMonotonic(result);
  assertServiceAccounting(result);
  assertConnectionsAddUp(result);
  assertPodsPlaced(result);
}

/**
 * Traces hold together: span ids unique and in start order, every parent a span of the same trace, one root
 * per trace, ends after starts, failed spans say why; with tail rules, the counts add up and every kept trace
 * that no rule picks was head-sampled.
 */
export function assertTraceInvariants(result: SimulationResult): void {
  const traces = result.telemetry?.traces;
  expect(traces, 'the run recorded traces').toBeDefined();
  if (traces === undefined) return;
  const byId = new Map(traces.spans.map((s) => [s.spanId, s]));
  expect(byId.size, 'span ids are unique').toBe(traces.spans.length);
  const roots = new Map<string, number>();
  const failed = new Set<string>();
  const startMs = new Map<string, number>();
  const endMs = new Map<string, number>();
  traces.spans.forEach((span, i) => {
    const previous = traces.spans[i - 1];
    if (previous !== undefined) {
      expect(span.spanId > previous.spanId, 'spans in id order').toBe(true);
      expect(span.startMs, 'spans in start order').toBeGreaterThanOrEqual(previous.startMs);
    }
    expect(span.endMs).toBeGreaterThanOrEqual(span.startMs);
    if (span.parentSpanId === null) roots.set(span.traceId, (roots.get(span.traceId) ?? 0) + 1);
    else expect(byId.get(span.parentSpanId)?.traceId, `parent of ${span.spanId}`).toBe(span.traceId);
    if (span.status === 'error') {
      expect(span.statusMessage).not.toBe('');
      failed.add(span.traceId);
    }
    startMs.set(span.traceId, Math.min(startMs.get(span.traceId) ?? Infinity, span.startMs));
    endMs.set(span.traceId, Math.max(endMs.get(span.traceId) ?? -Infinity, span.endMs));
  });
  for (const id of startMs.keys()) expect(roots.get(id), `one root in trace ${id}`).toBe(1);
  const tail = traces.tail;
  if (tail === undefined) return;
  const kept = tail.keptByHeadSample + tail.keptForError + tail.keptForDuration;
  expect(startMs.size, 'kept traces add up').toBe(kept);
  expect(tail.keptForError + tail.keptForDuration).toBeLessThanOrEqual(tail.picked);
  if (tail.share === 1) expect(tail.picked).toBe(tail.keptForError + tail.keptForDuration);
  expect(kept).toBeLessThanOrEqual(tail.requests);
  if (tail.errors) expect(tail.keptForError).toBeLessThanOrEqual(failed.size);
  const slower = tail.slowerThanMs;
  const unpicked = [...startMs.keys()].filter(
    (id) =>
      !(tail.errors && failed.has(id)) &&
      !(slower !== null && (endMs.get(id) ?? 0) - (startMs.get(id) ?? 0) > slower),
  );
  expect(unpicked.length, 'traces no rule picks were head-sampled').toBeLessThanOrEqual(
    tail.keptByHeadSample,
  );
}
