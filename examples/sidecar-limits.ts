// What a sidecar's own CPU limit costs, from the cluster's own files: imports examples/cluster/ and runs it with
// frontend's sidecars at Istio's default limit, above it and below what they need (Istio 1.18+ also gives a
// sidecar its limit rounded up as workers):
//   npx -y pnpm@10 --filter @meshsim/examples sidecar-limits

import { importCluster } from './cluster/cpuLimits.js';
import { runSidecarLimits, sidecarLimitsTable } from './cluster/sidecarLimits.js';

const { config } = importCluster();
process.stderr.write(`imported ${config.name}; ${config.durationMs / 1000} s per variant\n`);
process.stdout.write(sidecarLimitsTable(runSidecarLimits(config.durationMs)));
