// The README's library example: load a bundled scenario, run it under two mesh shapes, compare.
// Run: npx -y pnpm@10 --filter @meshsim/examples quickstart

import { applyOverrides, loadScenario, simulate } from 'meshsim';

const base = loadScenario('retry-storm'); // or loadScenarioFile('my-scenario.yaml')

for (const mesh of ['none', 'istio-sidecar'] as const) {
  for (const seed of [1, 2, 3]) {
    const result = simulate(applyOverrides(base, { mesh, seed, durationMs: 60_000 }));
    const entry = result.edges[0]; // client → frontend
    if (entry === undefined) throw new Error('scenario has no traffic');
    // No call completed: no success rate (null) and no latency (count 0, every figure 0) to print.
    const success = entry.successRate === null ? '–' : (entry.successRate * 100).toFixed(2);
    const p99 = entry.latency.count === 0 ? '–' : entry.latency.p99Ms.toFixed(1);
    console.log(
      `${mesh.padEnd(14)} seed ${seed}: success ${success} %, ` +
        `p99 ${p99} ms, retries ${entry.retries}, ` +
        `proxy CPU ${result.proxies.cpuCores.toFixed(2)} cores`,
    );
  }
}
