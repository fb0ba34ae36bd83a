// Queueing-theory validation of the engine: simulates M/M/1, M/M/4 and M/D/1 queues with independent
// replications and prints, for each statistic, theory vs. simulation with a 99% confidence interval.
// Run: npx tsx --tsconfig tsconfig.json examples/queueing-validation.ts [rootSeed]
//  or: npx -y pnpm@10 --filter @meshsim/examples validate

import { VALIDATION_EXPERIMENTS, formatValidationTable, runValidation } from './validation/queueModels.js';

const rootSeed = process.argv[2] ?? '1';
let failures = 0;
for (const experiment of VALIDATION_EXPERIMENTS) {
  const started = performance.now();
  const result = runValidation(experiment, rootSeed);
  const seconds = (performance.now() - started) / 1000;
  console.log(formatValidationTable(result));
  console.log(`(${(result.events / 1e6).toFixed(0)} M events in ${seconds.toFixed(1)} s)\n`);
  failures += result.checks.filter((check) => !check.insideCi || !check.halfWidthOk).length;
}
if (failures > 0) {
  console.log(`${failures} check(s) failed: theory outside the 99% CI, or the CI wider than its limit.`);
  process.exitCode = 1;
} else {
  console.log(
    'All checks passed: every theoretical value lies inside its 99% CI, and every CI is narrow enough.',
  );
}
