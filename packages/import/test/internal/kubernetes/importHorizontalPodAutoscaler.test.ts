// HorizontalPodAutoscalers: their target's replicas are held within the bounds (minReplicas for a manifest that sets
// none), and the run's fixed count is warned with the bounds to sweep; a target that is not imported is warned.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

/** A Deployment `api` in namespace shop (`replicas` written when given) with its Service. */
function api(replicas?: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [ { name: api } ] }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api } }
`;
}

/** An autoscaling/v2 HPA on Deployment `target` with `bounds` (a YAML fragment of its spec). */
function hpa(target: string, bounds: string): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${target} }
${bounds}  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`;
}

describe('importHorizontalPodAutoscaler', () => {
  it("gives a workload without replicas its autoscaler's minReplicas, and says autoscaling is not modelled", () => {
    const imported = importFiles({
      'api.yaml': api(),
      'hpa.yaml': hpa('api', '  minReplicas: 3\n  maxReplicas: 10\n'),
    });
    expect(serviceOf(imported, 'api')['replicas']).toBe(3);
    expect(
      warningsWith(
        imported.warnings,
        'hpa.yaml:1:1: HorizontalPodAutoscaler/api (document 1): autoscaling is not modelled: service "api" runs 3 replicas throughout (its autoscaler would scale it between 3 and 10; sweep both ends with --set services.api.replicas=3,10)',
      ),
    ).toHaveLength(1);
    // Its metrics are summed up in that warning, not reported field by field.
    expect(warningsWith(imported.warnings, 'metrics')).toEqual([]);
    expect(imported.model.workloads[0]?.autoscaler).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
  });

  it("keeps a workload's replicas within the bounds, and holds one outside them as the autoscaler would", () => {
    const inside = importFiles({
      'api.yaml': api(5),
      'hpa.yaml': hpa('api', '  minReplicas: 2\n  maxReplicas: 8\n'),
    });
    expect(serviceOf(inside, 'api')['replicas']).toBe(5);
    const above = importFiles({ 'api.yaml': api(12), 'hpa.yaml': hpa('api', '  maxReplicas: 8\n') });
    // minReplicas defaults to 1.
    expect(serviceOf(above, 'api')['replicas']).toBe(8);
    expect(
      warningsWith(
        above.warnings,
        'Deployment/api sets 12 replicas, outside 1..8: the autoscaler would hold it at 8, which is imported',
      ),
    ).toHaveLength(1);
  });

  it('warns of a target that is not imported and of bad bounds', () => {
    const missing = importFiles({ 'api.yaml': api(2), 'hpa.yaml': hpa('web', '  maxReplicas: 4\n') });
    expect(serviceOf(missing, 'api')['replicas']).toBe(2);
    expect(
      warningsWith(
        missing.warnings,
        'its target Deployment/web is not among the imported Deployments and StatefulSets of namespace shop: not imported',
      ),
    ).toHaveLength(1);
    const bad = importFiles({ 'api.yaml': api(), 'hpa.yaml': hpa('api', '  minReplicas: 0\n') });
    expect(
      warningsWith(bad.warnings, 'spec.minReplicas: must be an integer >= 1 (got 0); 1 is used'),
    ).toHaveLength(1);
    expect(
      warningsWith(
        bad.warnings,
        'spec: has no maxReplicas (Kubernetes requires it): the autoscaler is not imported',
      ),
    ).toHaveLength(1);
    const below = importFiles({
      'api.yaml': api(),
      'hpa.yaml': hpa('api', '  minReplicas: 4\n  maxReplicas: 2\n'),
    });
    expect(
      warningsWith(
        below.warnings,
        'spec.maxReplicas: must be an integer >= 4 (got 2); the autoscaler is not imported',
      ),
    ).toHaveLength(1);
    // maxReplicas is required: without it the autoscaler is left out (the workload keeps Kubernetes' default 1).
    expect(serviceOf(bad, 'api')['replicas']).toBe(1);
  });
});
