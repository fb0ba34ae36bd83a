// What a CPU request buys on a busy node: an API and a CPU-hungry batch worker share one node of 2 cores under
// Istio's sidecars; the table runs examples/cpu/noisy-neighbour.yaml with the two services' CPU requests changed:
//   npx -y pnpm@10 --filter @meshsim/examples noisy-neighbour

import { noisyNeighbourTable, runNoisyNeighbour } from './cpu/noisyNeighbour.js';

process.stdout.write(noisyNeighbourTable(runNoisyNeighbour()));
