// How many application pods of 250m three nodes of 2 cores hold under each mesh shape (the sidecars' and per-node
// proxies' requests come off every node's room; the pods that do not fit are Pending):
//   npx -y pnpm@10 --filter @meshsim/examples pod-capacity

import { podCapacityTable, runPodCapacity } from './cpu/podCapacity.js';

process.stdout.write(podCapacityTable(runPodCapacity()));
