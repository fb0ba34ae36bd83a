// Prints the saturation sweep of docs/scenarios/kinvolk-emojivoto.md as a Markdown table:
//   npx -y pnpm@10 --filter @meshsim/examples saturation-sweep

import { DEFAULT_SWEEP, saturationSweep, sweepTable } from './sweep/saturationSweep.js';

const started = Date.now();
const points = saturationSweep(DEFAULT_SWEEP);
process.stdout.write(sweepTable(points, DEFAULT_SWEEP.series));
process.stderr.write(`${points.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
