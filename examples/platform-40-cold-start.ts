// Prints the cold-start table of docs/scenarios/platform-40.md (platform-40 at 20,000 req/s, node CPU on,
// 4 simulated seconds per variant, about 4 minutes in all):
//   npx -y pnpm@10 --filter @meshsim/examples platform-40-cold-start

import { coldStartTable, platform40ColdStart } from './coldstart/platform40ColdStart.js';

const started = Date.now();
const rows = platform40ColdStart();
process.stdout.write(coldStartTable(rows));
process.stderr.write(`${rows.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
