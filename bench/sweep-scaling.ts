// Sweep scaling benchmark: the same sweep (retry-storm × 16 replications) on 1 and on 2 worker threads,
// each on a fresh pool (pool start-up included), and the speed-up. The target: ≥ 1.8× from 1 to 2 workers on
// a 2-core machine. Every configuration is measured `ROUNDS` times, alternating, and the median is reported; the
// stores are compared to check that both give the same results.
//
// Run: `npx tsx --tsconfig tsconfig.json bench/sweep-scaling.ts [replications] [rounds] [scenario]` (from the repo
// root). Workers load the TypeScript sources through tsx, so each pool's start-up includes compiling them.

import { availableParallelism, cpus, loadavg } from 'node:os';

import { ResultsStore, readScenarioSource, sweep } from '@meshsim/analysis';

const SCENARIO = process.argv[4] ?? 'retry-storm';
const REPLICATIONS = Number(process.argv[2] ?? 16);
const ROUNDS = Number(process.argv[3] ?? 3);

async function timeSweep(workers: number): Promise<{ wallMs: number; rows: unknown }> {
  const store = await ResultsStore.open(':memory:');
  const started = performance.now();
  await sweep(readScenarioSource(SCENARIO), { replications: REPLICATIONS, workers, store });
  const wallMs = performance.now() - started;
  const rows = await store.dump('runs');
  store.close();
  return { wallMs, rows };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const times: Record<number, number[]> = { 1: [], 2: [] };
let reference: string | undefined;
for (let round = 0; round < ROUNDS; round++) {
  for (const workers of [1, 2]) {
    const { wallMs, rows } = await timeSweep(workers);
    times[workers]?.push(wallMs);
    const json = JSON.stringify(rows);
    reference ??= json;
    if (json !== reference) throw new Error(`the store differs with ${workers} workers`);
    console.log(
      `round ${round + 1}: ${workers} worker${workers === 1 ? ' ' : 's'} ${(wallMs / 1000).toFixed(2)} s`,
    );
  }
}
const one = median(times[1] ?? []);
const two = median(times[2] ?? []);
console.log(
  JSON.stringify(
    {
      scenario: SCENARIO,
      runs: REPLICATIONS,
      rounds: ROUNDS,
      cpus: cpus().length,
      availableParallelism: availableParallelism(),
      loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
      median1WorkerS: Number((one / 1000).toFixed(2)),
      median2WorkersS: Number((two / 1000).toFixed(2)),
      speedup: Number((one / two).toFixed(2)),
      target: 1.8,
      identicalStores: true,
    },
    null,
    2,
  ),
);
