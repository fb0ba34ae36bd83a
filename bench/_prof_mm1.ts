import { mm1Config, timeSimulation } from './model-requests.js';
const ms = Number(process.argv[2] ?? 1000000);
for (let r = 0; r < 5; r++) {
  const run = timeSimulation(mm1Config(ms));
  console.log(`wall ${run.wallMs.toFixed(0)} ms calls ${run.calls} events ${run.events} -> ${(run.calls / run.wallMs / 1000).toFixed(2)} M calls/s`);
}
