// Marks the cascade steps of services that lost pods to a node crash: their calls failed because their pods went
// down with the node (they happened to be placed there), not because they were where the failure began.

import type { CascadeStep, Trigger } from '../../diagnosis/Diagnosis.js';

/**
 * `steps`, each of a service that lost pods to a `crash-node` trigger active at its `atMs` (started by then, not
 * ended) with `lostPods` set: its pods lost over those crashes, its pods in all and the crashed nodes.
 */
export function attributeNodeCrashes(
  steps: readonly CascadeStep[],
  triggers: readonly Trigger[],
): CascadeStep[] {
  const crashes = triggers.flatMap((t) =>
    t.nodeCrash === undefined ? [] : [{ trigger: t, crash: t.nodeCrash }],
  );
  if (crashes.length === 0) return [...steps];
  return steps.map((step) => {
    let pods = 0;
    let of = 0;
    const nodes: string[] = [];
    for (const { trigger, crash } of crashes) {
      if (step.atMs < trigger.startMs || step.atMs >= trigger.endMs) continue;
      const lost = crash.services.find((s) => s.service === step.service);
      if (lost === undefined) continue;
      pods += lost.pods;
      of = lost.of;
      for (const node of crash.nodes) if (!nodes.includes(node)) nodes.push(node);
    }
    return pods === 0 ? step : { ...step, lostPods: { pods: Math.min(pods, of), of, nodes } };
  });
}
