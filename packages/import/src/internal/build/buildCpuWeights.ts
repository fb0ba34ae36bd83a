// The scenario's `cpuWeights` from the Nodes: nodes that all run Amazon Linux 2 run cgroup v1, where a container's
// CPU weight is its `cpu.shares` (docs/sources.md#al2023-cgroupv2); other OS images leave the model's default.

import type { ImportedNode } from '../../ImportModel.js';
import { describeRef } from '../model/describeRefs.js';
import type { WarningLog } from '../WarningLog.js';
import type { CommentSet } from './CommentSet.js';

/** Amazon Linux 2's OS image (`Amazon Linux 2`, not `Amazon Linux 2023`). */
const AMAZON_LINUX_2 = /^Amazon Linux 2(?!\d)/;

/**
 * `shares` (cgroup v1) when every node of the cluster (`nodes`, the ones the import keeps) reports Amazon Linux 2,
 * with a comment; undefined otherwise — warned when only some of them do (one conversion per run).
 */
export function buildCpuWeights(
  nodes: readonly ImportedNode[],
  warnings: WarningLog,
  comments: CommentSet,
): string | undefined {
  const al2 = nodes.filter((node) => node.osImage !== undefined && AMAZON_LINUX_2.test(node.osImage));
  if (al2.length === 0) return undefined;
  const first = al2[0] as ImportedNode;
  if (al2.length < nodes.length) {
    warnings.general(
      '',
      `${al2.length} of ${nodes.length} Nodes run Amazon Linux 2 (cgroup v1, where CPU weights are the containers' cpu.shares) and the others another OS: a run has one weight conversion, so cpuWeights is left at the default (cgroup v2); set cpuWeights: shares if most of the busy nodes run cgroup v1`,
    );
    return undefined;
  }
  comments.add(
    ['cpuWeights'],
    `cgroup v1: every Node runs ${first.osImage ?? 'Amazon Linux 2'} (status.nodeInfo.osImage, e.g. ${describeRef(first.from)}), which runs cgroup v1`,
    true,
  );
  return 'shares';
}
