// Rule table of a zone of a cluster or of a node pool (`clusters[].zones[]`, `clusters[].nodePools[].zones[]`):
// its node count.

import type { RuleTable } from './RuleRow.js';

/** The scalar fields of one zone; its name is written as a name. */
export const ZONE_RULES = {
  id: 'zone',
  title: 'Zone',
  scenarioPath: 'clusters[].zones[], clusters[].nodePools[].zones[]',
  configPath: 'ClusterConfig.zones[], NodePoolConfig.zones[]',
  rows: [
    {
      field: 'nodes',
      kind: 'integer',
      unit: 'count',
      min: {
        value: 1,
        source: { assumption: 'a zone lists the nodes it has' },
        why: 'leave out a zone without nodes',
      },
      default: { required: true },
      description: 'Nodes of the zone (the cluster’s node size, or the pool’s).',
    },
  ],
} as const satisfies RuleTable;
