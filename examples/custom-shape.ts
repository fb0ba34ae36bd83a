// A mesh shape of your own (kuma, examples/custom-shape/kuma.mjs) compared with Linkerd on steady-3tier.
// Run: npx -y pnpm@10 --filter @meshsim/examples custom-shape

import { compareKuma, kumaTable } from './custom-shape/compareKuma.js';

const rows = compareKuma();
console.log(kumaTable(rows));
for (const row of rows) for (const line of row.shapeAssumptions) console.log(line);
