// Deployments and StatefulSets: replicas, resources kept in the model (not modelled yet), unselected
// workloads becoming services.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: prod }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: example/api:1
          resources:
            requests: { cpu: 250m, memory: 128Mi, ephemeral-storage: 1Gi }
            limits: { cpu: "2", memory: 1G }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: prod }
spec:
  selector: { app: api }
`;

describe('importWorkload', () => {
  const imported = importFiles({ 'api.yaml': DEPLOYMENT });

  it("takes Kubernetes' default of 1 replica when spec.replicas is absent", () => {
    expect(serviceOf(imported, 'api')).toMatchObject({ namespace: 'prod', replicas: 1 });
  });

  it('keeps CPU and memory requests and limits in the model, in cores and MiB', () => {
    expect(imported.model.workloads[0]?.resources).toEqual([
      {
        container: 'api',
        cpuRequestCores: 0.25,
        memoryRequestMiB: 128,
        cpuLimitCores: 2,
        memoryLimitMiB: 953.674,
      },
    ]);
  });

  it('warns that they are not modelled yet, naming file, document and field', () => {
    expect(
      warningsWith(
        imported.warnings,
        'api.yaml:12:11: Deployment/api (document 1): spec.template.spec.containers[0].resources: not modelled yet: requests cpu 250m (0.25 cores), memory 128Mi (128 MiB); limits cpu 2 (2 cores), memory 1G (953.674 MiB)',
      ),
    ).toHaveLength(1);
  });

  it('reports other resources and container fields as not modelled', () => {
    expect(
      warningsWith(imported.warnings, 'resources.requests.ephemeral-storage: not modelled by meshsim'),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'containers[0].image: not modelled by meshsim')).toHaveLength(1);
  });

  it('imports a StatefulSet like a Deployment (volumeClaimTemplates reported)', () => {
    const sts = importFiles({
      'db.yaml': `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db }\nspec:\n  serviceName: db\n  replicas: 3\n  selector: { matchLabels: { app: db } }\n  template: { metadata: { labels: { app: db } }, spec: { containers: [ { name: db } ] } }\n  volumeClaimTemplates: [ { metadata: { name: data } } ]\n---\napiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec: { selector: { app: db }, clusterIP: None }\n`,
    });
    expect(serviceOf(sts, 'db')).toMatchObject({ replicas: 3 });
    expect(
      warningsWith(
        sts.warnings,
        'StatefulSet/db (document 1): spec.volumeClaimTemplates: not modelled by meshsim',
      ),
    ).toHaveLength(1);
    expect(warningsWith(sts.warnings, 'a headless Service')).toHaveLength(1);
  });

  it('imports a workload no Service selects as a service of its own name, with a warning', () => {
    const lone = importFiles({
      'job.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: loadgen }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: loadgen } }\n  template: { metadata: { labels: { app: loadgen } }, spec: { containers: [ { name: gen } ] } }\n`,
    });
    expect(serviceOf(lone, 'loadgen')).toMatchObject({ replicas: 2 });
    expect(
      warningsWith(lone.warnings, 'no Service selects this Deployment; it is imported as service "loadgen"'),
    ).toHaveLength(1);
  });
});
