// Golden tests of the bundled scenarios, one simulation per scenario: each run's compact summary must equal
// its checked-in golden file (rewrite them with `UPDATE_GOLDEN=1 npx vitest run packages/analysis/test/bundled/golden.test.ts`),
// diagnose() must give the verdict the scenario docs state (docs/scenarios/README.md and each page's
// "**Verdict: `…`**" line), and each scenario's documented qualitative outcome must hold. They live in the
// analysis package, the lowest layer that sees both the simulation and its diagnosis.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { simulate } from '@meshsim/mesh';
import type {
  EdgeMetrics,
  MeshShapeName,
  ServiceMetrics,
  SimulationConfig,
  SimulationResult,
} from '@meshsim/mesh';
import { applyOverrides, listBundledScenarios, loadScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { diagnose, readScenarioSource, resolveWithOverrides } from '../../src/index.js';
import type { Verdict } from '../../src/index.js';
import {
  UPDATE_GOLDEN,
  bundledWithout,
  goldenSummary,
  readGolden,
  writeGolden,
} from '../__helpers__/golden.js';

/**
 * Durations shortened to keep the whole suite fast; every other scenario runs as bundled. platform-40 has no
 * faults and no policies that act, so its verdict over the first 5 s is that of the whole run.
 */
const SHORTENED_MS: Readonly<Record<string, number>> = { 'platform-40': 5000 };

const results = new Map<string, SimulationResult>();

/** The bundled scenario's config, shortened where {@link SHORTENED_MS} says so. */
function bundledConfig(name: string): SimulationConfig {
  const config = loadScenario(name);
  const durationMs = SHORTENED_MS[name];
  return durationMs === undefined ? config : applyOverrides(config, { durationMs });
}

/** The result of the bundled scenario (each is run once per test file). */
function run(name: string): SimulationResult {
  let result = results.get(name);
  if (result === undefined) {
    result = simulate(bundledConfig(name));
    results.set(name, result);
  }
  return result;
}

function edge(result: SimulationResult, source: string, destination: string): EdgeMetrics {
  const found = result.edges.find((e) => e.source === source && e.destination === destination);
  if (found === undefined) throw new Error(`no edge ${source} -> ${destination}`);
  return found;
}

/** An edge's success rate; throws when no call on it completed (null: no rate to compare). */
function successRate(e: EdgeMetrics): number {
  if (e.successRate === null) throw new Error(`no call completed on ${e.source} -> ${e.destination}`);
  return e.successRate;
}

function service(result: SimulationResult, name: string): ServiceMetrics {
  const found = result.services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** The bundled scenario run under another mesh shape (as `meshsim compare --mesh` does). */
function runUnder(name: string, mesh: MeshShapeName): SimulationResult {
  return simulate(applyOverrides(bundledConfig(name), { mesh }));
}

/** Failed calls of an edge over the intervals starting in [fromMs, toMs). */
function failedBetween(result: SimulationResult, e: EdgeMetrics, fromMs: number, toMs: number): number {
  const series = result.timeSeries.edges.find(
    (s) => s.source === e.source && s.destination === e.destination,
  );
  if (series === undefined) throw new Error(`no series for ${e.source} -> ${e.destination}`);
  let failed = 0;
  result.timeSeries.startMs.forEach((startMs, i) => {
    if (startMs >= fromMs && startMs < toMs) failed += series.failed[i] ?? 0;
  });
  return failed;
}

/** Success rate of an edge over the intervals starting in [fromMs, toMs). */
function successBetween(result: SimulationResult, e: EdgeMetrics, fromMs: number, toMs: number): number {
  const series = result.timeSeries.edges.find(
    (s) => s.source === e.source && s.destination === e.destination,
  );
  if (series === undefined) throw new Error(`no series for ${e.source} -> ${e.destination}`);
  let succeeded = 0;
  let failed = 0;
  result.timeSeries.startMs.forEach((startMs, i) => {
    if (startMs >= fromMs && startMs < toMs) {
      succeeded += series.succeeded[i] ?? 0;
      failed += series.failed[i] ?? 0;
    }
  });
  return succeeded / (succeeded + failed);
}

const wastedTotal = (result: SimulationResult): number =>
  result.services.reduce((sum, s) => sum + s.wasted, 0);

const names = listBundledScenarios().map((s) => s.name);

const DOCS = fileURLToPath(new URL('../../../../docs/scenarios/', import.meta.url));

/** The verdict column of docs/scenarios/README.md's table, by scenario. */
function readmeVerdicts(): Map<string, string> {
  const rows = readFileSync(`${DOCS}README.md`, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const match = /^\| `([a-z0-9-]+)` \| .* \| `([a-z-]+)` \| [^|]* \|$/.exec(line);
      return match === null ? [] : [[match[1] as string, match[2] as string] as const];
    });
  return new Map(rows);
}

/** The page of a scenario (the platform-40 cascades share one). */
function pageOf(name: string): string | undefined {
  const file = name.startsWith('platform-40-') ? 'platform-40-cascades' : name;
  const path = `${DOCS}${file}.md`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const verdictOf = (config: SimulationConfig, result = simulate(config)): Verdict =>
  diagnose(config, result).verdict;

/** Runs of the scenario variants the pages describe, each simulated once in this file. */
const variants = new Map<string, SimulationResult>();
function runWithout(name: string, ...markers: [string, ...string[]]): SimulationResult {
  const key = [name, ...markers].join(' ');
  let result = variants.get(key);
  if (result === undefined) {
    result = simulate(bundledWithout(name, ...markers));
    variants.set(key, result);
  }
  return result;
}

describe('golden files of the bundled scenarios', () => {
  it.each(names)('%s matches its golden summary', (name) => {
    const summary = goldenSummary(run(name));
    if (UPDATE_GOLDEN) writeGolden(name, summary);
    const golden = readGolden(name);
    expect(
      golden,
      `no golden file for ${name}: run UPDATE_GOLDEN=1 npx vitest run <this file>`,
    ).toBeDefined();
    expect(summary).toEqual(golden);
  });

  it('every bundled scenario keeps conservation (offered = succeeded + failed + in flight)', () => {
    for (const name of names) expect(run(name).conservation.holds, name).toBe(true);
  });
});

describe("docs/performance.md's at-a-glance table of the bundled scenarios", () => {
  const PERFORMANCE = fileURLToPath(new URL('../../../../docs/performance.md', import.meta.url));
  /** Its rows: scenario → [simulated seconds, events]. */
  const rows = new Map(
    readFileSync(PERFORMANCE, 'utf8')
      .split('\n')
      .flatMap((line) => {
        const match = /^\| `([a-z0-9-]+)` \| ([0-9.]+) \| ([0-9,]+) \| [0-9.]+ \|$/.exec(line);
        if (match === null) return [];
        const events = Number((match[3] as string).replaceAll(',', ''));
        return [[match[1] as string, [Number(match[2]), events] as const] as const];
      }),
  );

  it('lists every bundled scenario once', () => {
    expect([...rows.keys()].sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: its simulated time and events are those of a run', (name) => {
    const [simulatedS, events] = rows.get(name) ?? [NaN, NaN];
    expect(simulatedS * 1000).toBe(loadScenario(name).durationMs);
    // This file runs platform-40 shortened (SHORTENED_MS); its full run's events are not checked here.
    if (SHORTENED_MS[name] === undefined) expect(events).toBe(run(name).events);
  });
});

describe('verdicts of the bundled scenarios', () => {
  const table = readmeVerdicts();

  it('docs/scenarios/README.md lists every bundled scenario with a verdict', () => {
    expect([...table.keys()].sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: diagnose() gives the verdict its docs state', (name) => {
    const verdict = verdictOf(bundledConfig(name), run(name));
    expect(table.get(name), 'README verdict column').toBe(verdict);
    const page = pageOf(name);
    if (page !== undefined) {
      const stated = name.startsWith('platform-40-')
        ? page.split(`## ${name}`)[1]?.split('\n## ')[0]
        : page.split('## Diagnosis')[1];
      expect(stated, `${name}: a "**Verdict: \`…\`**" line`).toContain(`**Verdict: \`${verdict}\``);
    }
  });

  it('the variants the pages describe flip the verdict', () => {
    const without = (name: string, marker: string): Verdict =>
      verdictOf(bundledWithout(name, marker), runWithout(name, marker));
    expect(without('budget-vs-retries', '# budget')).toBe('metastable');
    expect(without('lifo-vs-fifo', '# lifo')).toBe('metastable');
    expect(without('deep-chain-retries', '# deep')).toBe('degraded-recovered');
    const inversion = readScenarioSource('timeout-inversion');
    expect(
      verdictOf(resolveWithOverrides(inversion, [{ path: 'services.api.calls.0.timeout', value: '200ms' }])),
    ).toBe('degraded-recovered');
  });
});

describe('qualitative outcomes of the bundled scenarios', () => {
  it('budget-vs-retries: the budgets keep the entry edge at <= 1.3 attempts per call (> 1.5 without) and the system recovers', () => {
    const budgeted = run('budget-vs-retries');
    const unbudgeted = runWithout('budget-vs-retries', '# budget');
    const withBudget = edge(budgeted, 'client', 'frontend');
    const withoutBudget = edge(unbudgeted, 'client', 'frontend');
    expect(withBudget.attempts / withBudget.calls).toBeLessThanOrEqual(1.3);
    expect(withoutBudget.attempts / withoutBudget.calls).toBeGreaterThan(1.5);
    expect(withBudget.policyEvents['retry-budget-denied']).toBeGreaterThan(0);
    // checkout, the overloaded service, receives far fewer requests with the budgets.
    expect(service(budgeted, 'checkout').arrived).toBeLessThan(0.5 * service(unbudgeted, 'checkout').arrived);
    // The fault is 10–20 s: almost everything fails during it; with budgets the last 5 s are healthy
    // again, without them the retry storm outlives the fault (metastable).
    expect(successBetween(budgeted, withBudget, 12_000, 20_000)).toBeLessThan(0.2);
    expect(successBetween(budgeted, withBudget, 25_000, 30_000)).toBeGreaterThan(0.99);
    expect(successBetween(unbudgeted, withoutBudget, 25_000, 30_000)).toBeLessThan(0.05);
    expect(unbudgeted.warnings).toEqual([]);
  });

  it("breaker-saves-caller: the error-rate breaker keeps shoppers' success rate > 90 %, against < 60 % without it", () => {
    const withBreaker = edge(run('breaker-saves-caller'), 'shoppers', 'frontend');
    const withoutRun = runWithout('breaker-saves-caller', '# breaker');
    const withoutBreaker = edge(withoutRun, 'shoppers', 'frontend');
    expect(withBreaker.successRate).toBeGreaterThan(0.9);
    expect(withoutBreaker.successRate).toBeLessThan(0.6);
    expect(successRate(withBreaker) - successRate(withoutBreaker)).toBeGreaterThan(0.3);
    const guarded = edge(run('breaker-saves-caller'), 'frontend', 'recommendations');
    expect(guarded.policyEvents['breaker-opened']).toBeGreaterThan(0);
    expect(guarded.failures['breaker-open']).toBeGreaterThan(0);
    // Without the breaker, frontend's pool is exhausted: it rejects new pages.
    expect(service(withoutRun, 'frontend').rejected).toBeGreaterThan(
      5 * service(run('breaker-saves-caller'), 'frontend').rejected,
    );
  });

  it('breaker-saves-caller under --mesh none: the breaker is not enforced and the run says so', () => {
    const result = simulate(applyOverrides(bundledConfig('breaker-saves-caller'), { mesh: 'none' }));
    expect(
      result.warnings.some((w) => w.includes('error-rate-breaker') && w.includes('recommendations')),
    ).toBe(true);
    expect(edge(result, 'shoppers', 'frontend').successRate).toBeLessThan(0.6);
  });

  it('outlier-ejection: ejecting the bad instance gives success >= 99.5 %, against <= 95 % without ejection', () => {
    const withEjection = edge(run('outlier-ejection'), 'frontend', 'catalog');
    const withoutEjection = edge(runWithout('outlier-ejection', '# ejection'), 'frontend', 'catalog');
    expect(successRate(withEjection)).toBeGreaterThan(successRate(withoutEjection));
    expect(withEjection.successRate).toBeGreaterThanOrEqual(0.995);
    expect(withoutEjection.successRate).toBeLessThanOrEqual(0.95);
    expect(withEjection.policyEvents['outlier-ejections']).toBeGreaterThan(0);
  });

  it("canary-rollout: v2's share follows the weight schedule (14 % over the run), and its replica share (20 %) under mesh none", () => {
    // Weights 1 % for 0–5 s, 5 % for 5–10 s, 25 % for 10–20 s: time-weighted mean 14 %.
    const shareOfV2 = (result: SimulationResult): number => {
      const checkout = service(result, 'checkout');
      const v2 = checkout.versions.find((v) => v.name === 'v2');
      return (v2?.arrived ?? 0) / checkout.arrived;
    };
    const weighted = run('canary-rollout');
    expect(shareOfV2(weighted)).toBeGreaterThan(0.12);
    expect(shareOfV2(weighted)).toBeLessThan(0.16);
    expect(weighted.warnings).toEqual([]);
    const byReplicas = simulate(applyOverrides(bundledConfig('canary-rollout'), { mesh: 'none' }));
    expect(shareOfV2(byReplicas)).toBeGreaterThan(0.18);
    expect(shareOfV2(byReplicas)).toBeLessThan(0.22);
    expect(byReplicas.warnings.some((w) => w.startsWith('traffic-split') && w.includes('checkout'))).toBe(
      true,
    );
    // The bad canary's errors follow its share.
    const failed = (result: SimulationResult): number => edge(result, 'frontend', 'checkout').failed;
    expect(failed(weighted)).toBeLessThan(failed(byReplicas));
  });

  it('deadline-propagation: wasted work with propagation is < 10 % of the work wasted without it', () => {
    const withDeadlines = run('deadline-propagation');
    const withoutDeadlines = runWithout('deadline-propagation', '# deadlines');
    expect(wastedTotal(withoutDeadlines)).toBeGreaterThan(1000);
    expect(wastedTotal(withDeadlines)).toBeLessThan(0.1 * wastedTotal(withoutDeadlines));
    expect(service(withDeadlines, 'orders-db').cancelled).toBeGreaterThan(0);
    expect(successRate(edge(withDeadlines, 'client', 'api'))).toBeGreaterThan(
      successRate(edge(withoutDeadlines, 'client', 'api')),
    );
  });

  it('retry-storm: healthy before the fault, goodput collapses during it, and stays collapsed after it (metastable)', () => {
    const result = run('retry-storm');
    const entry = edge(result, 'client', 'frontend');
    expect(successBetween(result, entry, 0, 30_000)).toBeGreaterThan(0.99);
    expect(successBetween(result, entry, 32_000, 50_000)).toBeLessThan(0.2);
    // The trigger ended at 50 s, but retries of abandoned work keep checkout saturated.
    expect(successBetween(result, entry, 60_000, 90_000)).toBeLessThan(0.05);
    expect(service(result, 'checkout').wasted).toBeGreaterThan(service(result, 'checkout').completed / 2);
    expect(edge(result, 'frontend', 'checkout').retries).toBeGreaterThan(
      edge(result, 'frontend', 'checkout').calls / 2,
    );
  });

  it('steady-3tier: ~100 % success on every edge, no warnings', () => {
    const result = run('steady-3tier');
    for (const e of result.edges)
      expect(e.successRate, `${e.source} -> ${e.destination}`).toBeGreaterThan(0.99);
    expect(result.warnings).toEqual([]);
  });

  it("instance-crash: web's retries hide the crash, mobile-bff (no retries) fails several times more", () => {
    const result = run('instance-crash');
    const web = edge(result, 'web', 'cart');
    const mobile = edge(result, 'mobile-bff', 'cart');
    expect(web.successRate).toBeGreaterThan(0.99);
    expect(mobile.failed).toBeGreaterThan(3 * web.failed);
  });

  it('overhead-3tier: added p50 none < linkerd < istio-ambient < istio-sidecar; 0 proxies without a mesh, one sidecar per pod', () => {
    const shapes: MeshShapeName[] = ['none', 'linkerd', 'istio-ambient', 'istio-sidecar'];
    const runs = shapes.map((shape) =>
      shape === 'istio-sidecar' ? run('overhead-3tier') : runUnder('overhead-3tier', shape),
    );
    const p50 = runs.map((result) => edge(result, 'shoppers', 'frontend').latency.p50Ms);
    for (let i = 1; i < p50.length; i++) {
      expect(p50[i], `${shapes[i - 1] ?? ''} < ${shapes[i] ?? ''}`).toBeGreaterThan(p50[i - 1] ?? Infinity);
    }
    const [none, linkerd, , sidecar] = runs as [
      SimulationResult,
      SimulationResult,
      SimulationResult,
      SimulationResult,
    ];
    const pods = bundledConfig('overhead-3tier').services.reduce((sum, s) => sum + s.replicas, 0);
    expect(none.proxies.count).toBe(0);
    expect(sidecar.proxies.count).toBe(pods);
    expect(linkerd.proxies.count).toBe(pods);
    for (const [i, result] of runs.entries()) {
      expect(result.warnings, shapes[i]).toEqual([]);
      for (const e of result.edges)
        expect(e.successRate, `${shapes[i] ?? ''} ${e.source} -> ${e.destination}`).toBe(1);
    }
  });

  it('node-failure: the ztunnel crash fails > 40 % of the pages for 20 s, the sidecar crash < 2 %; the powered-off node hangs calls under both until it is back', () => {
    const ambient = run('node-failure');
    const sidecar = runUnder('node-failure', 'istio-sidecar');
    const pages = (result: SimulationResult): EdgeMetrics => edge(result, 'shoppers', 'frontend');
    // 10–30 s: the proxy serving catalog-1 is down.
    expect(1 - successBetween(ambient, pages(ambient), 10_000, 30_000)).toBeGreaterThan(0.4);
    expect(1 - successBetween(sidecar, pages(sidecar), 10_000, 30_000)).toBeLessThan(0.02);
    expect(failedBetween(ambient, pages(ambient), 10_000, 30_000)).toBeGreaterThan(
      20 * failedBetween(sidecar, pages(sidecar), 10_000, 30_000),
    );
    // 40–50 s: node-1 is off and answers nothing; no call has a timeout, so calls to its pods wait.
    for (const result of [ambient, sidecar]) {
      expect(failedBetween(result, pages(result), 40_000, 50_000)).toBeGreaterThan(0);
      expect(failedBetween(result, pages(result), 0, 10_000)).toBe(0);
      expect(pages(result).inFlight).toBeGreaterThan(0);
    }
    // Under sidecars the waiting calls on new connections fail at Istio's 10 s connect timeout and Istio's default
    // retry sends them elsewhere: frontend's workers come free and pages stop failing soon after the node is back.
    expect(failedBetween(sidecar, pages(sidecar), 52_000, 60_000)).toBe(0);
    // Under ambient the calls wait on HBONE connections whose keep-alive ping (sent about 40 s, just after the node went
    // off) is unanswered; the rebooted node resets them at the ping's retransmission of about 52.6 s (the 20 s ping
    // timeout, at about 60 s, would have come later): frontend's calls to node-1 fail as resets, its workers come free
    // and pages stop failing by 53 s. (Before ztunnel's HBONE keep-alive was modelled, the connections stayed open,
    // the lost requests were never answered and most pages still failed at the end: metastable.)
    expect(failedBetween(ambient, pages(ambient), 53_000, 60_000)).toBe(0);
    expect(edge(ambient, 'frontend', 'catalog').failures.reset).toBeGreaterThan(0);
    // Each shape runs the fault for the proxy it has and says that the other one does nothing.
    expect(ambient.warnings).toEqual([
      'fault at 10 s: mesh shape istio-ambient has no sidecar proxy for service catalog; the fault does nothing',
    ]);
    expect(sidecar.warnings).toEqual([
      'fault at 10 s: mesh shape istio-sidecar has no ztunnel proxy for service catalog; the fault does nothing',
    ]);
  });

  it('control-plane-outage: stale endpoints fail > 5× more calls than without the outage; outlier detection cuts that by > 95 %', () => {
    const calls = (config: SimulationConfig): EdgeMetrics => edge(simulate(config), 'frontend', 'catalog');
    const shipped = edge(run('control-plane-outage'), 'frontend', 'catalog');
    const noEjection = calls(bundledWithout('control-plane-outage', '# ejection'));
    const noOutageNoEjection = calls(bundledWithout('control-plane-outage', '# ejection', '# outage'));
    // Without ejection, the outage keeps the crashed instances listed for the whole crash.
    expect(noEjection.failed).toBeGreaterThan(5 * noOutageNoEjection.failed);
    expect(noOutageNoEjection.failed).toBeGreaterThan(0);
    // With outlier detection each frontend sidecar ejects each dead instance after its 5th failure.
    expect(shipped.failed).toBeLessThan(0.05 * noEjection.failed);
    expect(shipped.failed).toBeLessThan(noOutageNoEjection.failed);
    expect(shipped.policyEvents['outlier-ejections']).toBeGreaterThan(0);
    // A crashed instance's sidecar stays up and answers its 503 (upstream connect failure) for it.
    expect(shipped.failures['service-unavailable']).toBe(shipped.failed);
  });

  it.runIf(names.includes('platform-40'))('platform-40 (first 5 s): ~100 % success on every edge', () => {
    for (const e of run('platform-40').edges) {
      expect(e.successRate, `${e.source} -> ${e.destination}`).toBeGreaterThan(0.99);
    }
  });
});
