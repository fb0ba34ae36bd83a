// Helpers of the golden tests: a compact, stable summary of a simulation result, the scenario variants
// "without the policy" (the marked lines removed, as docs/scenarios/*.md tell users to), and file I/O.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';
import { listBundledScenarios, parseScenario } from '@meshsim/scenario';

/** Rounds to 0.01 (golden files compare numbers at this precision). */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** One edge of a {@link GoldenSummary}. */
export interface GoldenEdge {
  edge: string;
  calls: number;
  succeeded: number;
  failed: number;
  /** Failed calls by cause, only the causes that occurred. */
  failures: Record<string, number>;
  retries: number;
  p50Ms: number;
  p99Ms: number;
  /** Client-side policy counters, rounded to 0.01. */
  policyEvents: Record<string, number>;
  /** Client-side policy times in a state [ms], rounded to 0.01; absent when the edge has none. */
  policyTimeMs?: Record<string, number>;
  /** The calling proxies that kept an outlier detector for the destination; absent when none did. */
  outlierDetectors?: number;
}

/** One service of a {@link GoldenSummary}. */
export interface GoldenService {
  name: string;
  arrived: number;
  rejected: number;
  wasted: number;
  /** Requests per version, only for services with several versions. */
  versions?: Record<string, number>;
}

/** What a golden file holds: the numbers a reader checks first, rounded so that they are stable. */
export interface GoldenSummary {
  scenario: string;
  mesh: string;
  durationMs: number;
  edges: GoldenEdge[];
  services: GoldenService[];
  warnings: string[];
}

/** The compact summary of `result` that golden files store. */
export function goldenSummary(result: SimulationResult): GoldenSummary {
  return {
    scenario: result.scenario.name,
    mesh: result.scenario.mesh,
    durationMs: result.scenario.durationMs,
    edges: result.edges.map((e) => ({
      edge: `${e.source} -> ${e.destination}`,
      calls: e.calls,
      succeeded: e.succeeded,
      failed: e.failed,
      failures: Object.fromEntries(Object.entries(e.failures).filter(([, n]) => n > 0)),
      retries: e.retries,
      p50Ms: round2(e.latency.p50Ms),
      p99Ms: round2(e.latency.p99Ms),
      policyEvents: Object.fromEntries(Object.entries(e.policyEvents).map(([k, v]) => [k, round2(v)])),
      ...(Object.keys(e.policyTimeMs).length > 0 && {
        policyTimeMs: Object.fromEntries(Object.entries(e.policyTimeMs).map(([k, v]) => [k, round2(v)])),
      }),
      // The calling proxies the ejected host·ms sum over: only on edges with outlier detection.
      ...(e.outlierDetectors > 0 && { outlierDetectors: e.outlierDetectors }),
    })),
    services: result.services.map((s) => ({
      name: s.name,
      arrived: s.arrived,
      rejected: s.rejected,
      wasted: s.wasted,
      ...(s.versions.length > 1 && {
        versions: Object.fromEntries(s.versions.map((v) => [v.name, v.arrived])),
      }),
    })),
    warnings: [...result.warnings],
  };
}

/** The golden file of `name`, next to the test in `bundled/golden/`. */
export function goldenPath(name: string): string {
  return new URL(`../bundled/golden/${name}.json`, import.meta.url).pathname;
}

/** Whether this run rewrites the golden files (`UPDATE_GOLDEN=1`). */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/** The stored summary of `name`, or undefined when there is no golden file yet. */
export function readGolden(name: string): GoldenSummary | undefined {
  const path = goldenPath(name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GoldenSummary) : undefined;
}

/** Writes the golden file of `name`. */
export function writeGolden(name: string, summary: GoldenSummary): void {
  const path = goldenPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`);
}

/**
 * A bundled scenario without the lines that carry any of the markers (e.g. `# budget`): the variant
 * without the policy (or fault), built exactly as the scenario's doc page tells users to
 * (`grep -v '# budget' file.yaml`). Every marker must occur in the file.
 */
export function bundledWithout(name: string, ...markers: [string, ...string[]]): SimulationConfig {
  const scenario = listBundledScenarios().find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no bundled scenario ${name}`);
  const lines = readFileSync(scenario.file, 'utf8').split('\n');
  for (const marker of markers) {
    if (!lines.some((line) => line.includes(marker)))
      throw new Error(`${name}.yaml has no line marked ${marker}`);
  }
  const kept = lines.filter((line) => !markers.some((marker) => line.includes(marker)));
  return parseScenario(kept.join('\n'), `${name}.yaml`);
}
