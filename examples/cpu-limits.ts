// What a service's CPU limit costs, from the cluster's own files: imports examples/cluster/ (Deployments with
// CPU requests and limits, the Nodes, a --graph fragment) and runs it as imported and with checkout's limit
// raised or removed:
//   npx -y pnpm@10 --filter @meshsim/examples cpu-limits

import { cpuLimitsTable, importCluster, runCpuLimits } from './cluster/cpuLimits.js';

const { config, warnings } = importCluster();
process.stderr.write(
  `imported ${config.name}: ${config.services.length} services on ${config.clusters
    .map((c) => `${c.zones.reduce((n, z) => n + z.nodes, 0)} nodes of ${String(c.nodeCpu)} cores`)
    .join(', ')} (${warnings} import warning(s): \`meshsim import\` prints them)\n`,
);
process.stdout.write(cpuLimitsTable(runCpuLimits(config.durationMs)));
