import { readScenarioSource } from './packages/analysis/src/overrides/ScenarioSource.js';
import { runTasks } from './packages/analysis/src/sweep/runTasks.js';
import { runKey } from './packages/analysis/src/sweep/runKey.js';
const src = readScenarioSource('budget-vs-retries');
const tasks = [1,2,3,4].map((seed, i) => ({ key: runKey(src.hash, [], seed), point: 0, replication: i, overrides: [], seed }));
for (const workers of [0, 1, 2]) {
  const t = performance.now();
  const out = await runTasks(src, tasks, { workers });
  console.log(workers, ((performance.now()-t)/1000).toFixed(2), out.map(o => o.diagnosis.verdict + ' ' + o.figures.successRatio.toFixed(4)).join(', '));
}
