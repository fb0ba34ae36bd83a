// A mesh shape of your own from a TypeScript script: load the module that registers it (kuma.mjs) with
// loadShapeModule — so that pooled runs (runTasks, sweep) have it on their worker threads too — and run a bundled
// scenario under it beside Linkerd, as `meshsim compare steady-3tier --mesh linkerd,kuma --shape-module …` does.

import { fileURLToPath } from 'node:url';

import { applyOverrides, loadScenario, loadShapeModule, simulate } from 'meshsim';

/** The shape module, as a path (what `--shape-module` takes on the command line). */
export const KUMA_MODULE = fileURLToPath(new URL('./kuma.mjs', import.meta.url));

await loadShapeModule(KUMA_MODULE);

/** One shape's figures of the comparison. */
export interface KumaRow {
  shape: string;
  /** End-to-end p99 of the entry edge [ms]. */
  p99Ms: number;
  /** The proxies, and their CPU [cores] and memory [MiB] on average. */
  proxies: number;
  proxyCpuCores: number;
  proxyMemoryMiB: number;
  /** The assumptions the shape adds to a run, as the run prints them. */
  shapeAssumptions: string[];
}

/** steady-3tier under linkerd and kuma, `durationMs` each (same seed: the same arrivals under both). */
export function compareKuma(durationMs = 10_000): KumaRow[] {
  const base = loadScenario('steady-3tier');
  return ['linkerd', 'kuma'].map((shape) => {
    const result = simulate(applyOverrides(base, { mesh: shape, durationMs }));
    const entry = result.edges[0];
    if (entry === undefined) throw new Error('steady-3tier has no traffic');
    return {
      shape,
      p99Ms: entry.latency.p99Ms,
      proxies: result.proxies.count,
      proxyCpuCores: result.proxies.cpuCores,
      proxyMemoryMiB: result.proxies.memoryMiB,
      shapeAssumptions: result.assumptions.filter((line) => line.startsWith(`${shape}:`)),
    };
  });
}

/** The rows as the Markdown table docs/mesh-shapes/custom-shape.md shows. */
export function kumaTable(rows: readonly KumaRow[]): string {
  const lines = [
    '| shape | p99 (ms) | proxies | proxy CPU (cores) | proxy memory (MiB) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.shape} | ${row.p99Ms.toFixed(1)} | ${row.proxies} | ${row.proxyCpuCores.toFixed(2)} | ` +
        `${row.proxyMemoryMiB.toFixed(0)} |`,
    ),
  ];
  return lines.join('\n');
}
