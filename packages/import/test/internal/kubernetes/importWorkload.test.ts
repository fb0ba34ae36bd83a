// Deployments and StatefulSets: replicas, resources kept in the model (the application containers' CPU
// becomes the service's cpuLimit and cpuRequest), unselected workloads becoming services.

import { describe, expect, it } from 'vitest';

import { importScenario } from '../../../src/index.js';
import { importFiles, serviceOf, tempTree, warningLines, warningsWith } from '../../__helpers__/fixtures.js';

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
        role: 'app',
        cpuRequestCores: 0.25,
        memoryRequestMiB: 128,
        cpuLimitCores: 2,
        memoryLimitMiB: 953.67431640625,
      },
    ]);
  });

  it("gives the service its application container's CPU request and limit, Kubernetes-style", () => {
    expect(serviceOf(imported, 'api')).toMatchObject({ cpuRequest: '250m', cpuLimit: 2 });
  });

  it("imports the application container's memory request and limit as the service's, without a warning", () => {
    expect(warningsWith(imported.warnings, 'memory')).toEqual([]);
    expect(warningsWith(imported.warnings, 'cpu 250m')).toEqual([]);
    // 1G is 10^9 bytes (953.67431640625 MiB): written exactly, as 1GB.
    expect(imported.scenario).toMatchObject({
      services: { api: { memoryRequest: '128Mi', memoryLimit: '1GB' } },
    });
  });

  it('says that CPU requests and limits need nodes with a CPU size, unless the fragment gives one', () => {
    expect(warningsWith(imported.warnings, 'service api has CPU requests or limits')).toHaveLength(1);
    const sized = importFiles(
      { 'api.yaml': DEPLOYMENT, 'graph.yaml': 'nodeCpu: 4\nservices: { api: { serviceTime: 2ms } }\n' },
      { graph: 'graph.yaml' },
    );
    expect(sized.scenario).toMatchObject({ nodeCpu: 4 });
    expect(warningsWith(sized.warnings, 'CPU requests or limits')).toEqual([]);
  });

  it("takes an injected proxy's CPU and memory requests and limits as the proxy's, with no warning", () => {
    const injected = importFiles({
      'api.yaml': DEPLOYMENT.replace(
        '            limits: { cpu: "2", memory: 1G }\n',
        '            limits: { cpu: "2", memory: 1G }\n        - name: istio-proxy\n          resources: { requests: { cpu: 100m, memory: 96Mi }, limits: { cpu: "2", memory: 1Gi } }\n',
      ),
    });
    expect(injected.model.workloads[0]?.resources[1]).toEqual({
      container: 'istio-proxy',
      role: 'proxy',
      cpuRequestCores: 0.1,
      cpuLimitCores: 2,
      memoryRequestMiB: 96,
      memoryLimitMiB: 1024,
    });
    expect(injected.model.workloads[0]?.proxyResources).toEqual([
      {
        key: "the istio-proxy container's resources.limits.cpu",
        what: 'cpu-limit',
        shape: 'istio-sidecar',
        amount: 2,
      },
      {
        key: "the istio-proxy container's resources.requests.cpu",
        what: 'cpu-request',
        shape: 'istio-sidecar',
        amount: 0.1,
      },
      {
        key: "the istio-proxy container's resources.requests.memory",
        what: 'memory-request',
        shape: 'istio-sidecar',
        amount: 96,
      },
      {
        key: "the istio-proxy container's resources.limits.memory",
        what: 'memory-limit',
        shape: 'istio-sidecar',
        amount: 1024,
      },
    ]);
    expect(serviceOf(injected, 'api')).toMatchObject({ cpuRequest: '250m', cpuLimit: 2 });
    // Nothing of the proxy's resources is left out now.
    expect(warningsWith(injected.warnings, 'containers[1].resources')).toEqual([]);
  });

  it("prefers an injected proxy container's limit to the annotation that asked for it, warning when they differ", () => {
    const both = importFiles({
      'api.yaml': DEPLOYMENT.replace(
        '            limits: { cpu: "2", memory: 1G }\n',
        '            limits: { cpu: "2", memory: 1G }\n        - name: linkerd-proxy\n          resources: { limits: { cpu: 1500m } }\n',
      ).replace(
        'metadata: { labels: { app: api } }',
        'metadata: { labels: { app: api }, annotations: { config.linkerd.io/proxy-cpu-limit: "1" } }',
      ),
    });
    expect(both.model.workloads[0]?.proxyResources).toEqual([
      {
        key: "the linkerd-proxy container's resources.limits.cpu",
        what: 'cpu-limit',
        shape: 'linkerd',
        amount: 1.5,
      },
    ]);
    expect(
      warningsWith(
        both.warnings,
        "resources.limits.cpu: 1.5 cores differs from the config.linkerd.io/proxy-cpu-limit annotation's 1: the container's limit is what runs, so it is imported",
      ),
    ).toHaveLength(1);
  });

  it('refuses a CPU quantity finer than 1m, which Kubernetes does not allow', () => {
    const fine = importFiles({ 'api.yaml': DEPLOYMENT.replace('cpu: 250m', 'cpu: 100u') });
    expect(
      warningsWith(
        fine.warnings,
        'resources.requests.cpu: "100u" is finer than 1m, which Kubernetes does not allow; not imported',
      ),
    ).toHaveLength(1);
    // The request falls back to the limit, as Kubernetes does for a container that sets only a limit.
    expect(serviceOf(fine, 'api')).toMatchObject({ cpuRequest: 2, cpuLimit: 2 });
  });

  it('refuses a value that is not a Kubernetes quantity, naming it, and says the limit stands for the request', () => {
    const bad = importFiles({
      'api.yaml': DEPLOYMENT.replace('cpu: 250m, memory: 128Mi', 'cpu: 1.5.3, memory: 256Mi').replace(
        'limits: { cpu: "2", memory: 1G }',
        'limits: { cpu: "1", memory: 10Zi }',
      ),
    });
    expect(warningLines(bad.warnings)).toEqual(
      expect.arrayContaining([
        'api.yaml:13:25: Deployment/api (document 1): spec.template.spec.containers[0].resources.requests.cpu: "1.5.3" is not a Kubernetes quantity (such as 250m, 0.5 or 2), which Kubernetes rejects; not imported (the container\'s limit "1" stands for the request, as for a container that sets none)',
        'api.yaml:14:33: Deployment/api (document 1): spec.template.spec.containers[0].resources.limits.memory: "10Zi" is not a Kubernetes quantity (such as 128Mi, 1Gi or 500M), which Kubernetes rejects; not imported',
      ]),
    );
    expect(warningsWith(bad.warnings, 'resources.requests.cpu: not modelled')).toEqual([]);
    expect(serviceOf(bad, 'api')).toMatchObject({ cpuRequest: 1, cpuLimit: 1, memoryRequest: '256Mi' });
    expect(serviceOf(bad, 'api')['memoryLimit']).toBeUndefined();
    for (const text of ['1e3Gi', 'abc', '""']) {
      const other = importFiles({ 'api.yaml': DEPLOYMENT.replace('cpu: 250m', `cpu: ${text}`) });
      expect(warningsWith(other.warnings, 'resources.requests.cpu: ').join('\n'), text).toContain(
        'is not a Kubernetes quantity',
      );
    }
  });

  it('refuses a request above its limit, as the API server does, and lets the limit stand for it', () => {
    const above = importFiles({
      'api.yaml': DEPLOYMENT.replace('cpu: 250m, memory: 128Mi', 'cpu: "3", memory: 1Gi'),
    });
    expect(warningLines(above.warnings)).toEqual(
      expect.arrayContaining([
        'api.yaml:13:25: Deployment/api (document 1): spec.template.spec.containers[0].resources.requests.cpu: "3" is above the container\'s limit "2", which Kubernetes rejects ("must be less than or equal to cpu limit"); not imported (the limit stands for the request, as for a container that sets none)',
        expect.stringContaining(
          'resources.requests.memory: "1Gi" is above the container\'s limit "1G", which Kubernetes rejects ("must be less than or equal to memory limit")',
        ),
      ]),
    );
    expect(serviceOf(above, 'api')).toMatchObject({ cpuRequest: 2, cpuLimit: 2 });
    expect(serviceOf(above, 'api')).toMatchObject({ memoryRequest: '1GB', memoryLimit: '1GB' });
    // A request equal to its limit is what Guaranteed pods write: taken as written, no warning.
    const equal = importFiles({ 'api.yaml': DEPLOYMENT.replace('cpu: 250m', 'cpu: "2"') });
    expect(warningsWith(equal.warnings, 'above the container')).toEqual([]);
    expect(serviceOf(equal, 'api')).toMatchObject({ cpuRequest: 2, cpuLimit: 2 });
  });

  it('imports memory below 1 MiB (512: bytes) as written, warned as a unit left out, naming the field', () => {
    const files = { 'api.yaml': DEPLOYMENT.replace('memory: 128Mi', 'memory: 512') };
    const bare = importFiles(files);
    expect(
      warningsWith(
        bare.warnings,
        'api.yaml:13:36: Deployment/api (document 1): spec.template.spec.containers[0].resources.requests.memory: "512" is 512 bytes (did you mean 512Mi?); imported as written',
      ),
    ).toHaveLength(1);
    expect(bare.model.workloads[0]?.resources[0]?.memoryRequestMiB).toBe(512 / 2 ** 20);
    // Kubernetes takes it, and so does the scenario.
    expect(() => importScenario([tempTree(files)])).not.toThrow();
  });

  it('refuses memory in fractions of a byte (512m: did you mean 512Mi?) and beyond 2^53 bytes, naming the field', () => {
    const milli = importFiles({ 'api.yaml': DEPLOYMENT.replace('memory: 128Mi', 'memory: 512m') });
    expect(
      warningsWith(
        milli.warnings,
        'api.yaml:13:36: Deployment/api (document 1): spec.template.spec.containers[0].resources.requests.memory: "512m" is 0.512 bytes (did you mean 512Mi?); not imported',
      ),
    ).toHaveLength(1);
    const huge = importFiles({
      'api.yaml': DEPLOYMENT.replace('memory: 128Mi', 'memory: 99999999999999999999Ei'),
    });
    expect(
      warningsWith(
        huge.warnings,
        'resources.requests.memory: "99999999999999999999Ei" is more than 9007199254740991 bytes (about 8 PiB), the most meshsim holds exactly; not imported',
      ),
    ).toHaveLength(1);
    // The import does not fail: the limit (1G) stands for the request.
    expect(serviceOf(milli, 'api')['memoryRequest']).toBe(serviceOf(milli, 'api')['memoryLimit']);
  });

  it('says a negative CPU is negative, and reads 0 as a request of nothing and a limit of 0 as no limit', () => {
    const negative = importFiles({
      'api.yaml': DEPLOYMENT.replace('cpu: 250m', 'cpu: -500m').replace('cpu: "2"', 'cpu: "-1"'),
    });
    expect(
      warningsWith(negative.warnings, '"-500m" is negative, which Kubernetes does not allow; not imported'),
    ).toHaveLength(1);
    expect(
      warningsWith(negative.warnings, '"-1" is negative, which Kubernetes does not allow; not imported'),
    ).toHaveLength(1);
    expect(warningsWith(negative.warnings, 'finer than 1m')).toEqual([]);
    const zero = importFiles({ 'api.yaml': DEPLOYMENT.replace('cpu: 250m', 'cpu: 0') });
    expect(warningsWith(zero.warnings, 'requests.cpu')).toEqual([]);
    expect(zero.model.workloads[0]?.resources[0]).toMatchObject({ cpuRequestCores: 0, cpuLimitCores: 2 });
    // A request of 0 is written, so the limit does not stand for it: no cpuRequest (the scenario's minimum is 1m).
    expect(serviceOf(zero, 'api')['cpuRequest']).toBeUndefined();
    expect(serviceOf(zero, 'api')).toMatchObject({ cpuLimit: 2 });
    const zeroLimit = importFiles({ 'api.yaml': DEPLOYMENT.replace('cpu: "2"', 'cpu: 0') });
    expect(
      warningsWith(
        zeroLimit.warnings,
        'resources.limits.cpu: a limit of 0 is no limit (the kubelet sets none for it); the container is imported without a cpu limit',
      ),
    ).toHaveLength(1);
    expect(serviceOf(zeroLimit, 'api')['cpuLimit']).toBeUndefined();
    expect(serviceOf(zeroLimit, 'api')).toMatchObject({ cpuRequest: '250m' });
  });

  it('reports other resources and container fields as not modelled', () => {
    expect(
      warningsWith(imported.warnings, 'resources.requests.ephemeral-storage: not modelled by meshsim'),
    ).toHaveLength(1);
    // A container's image is passed over quietly, as a live export carries it (docs/import.md).
    expect(warningsWith(imported.warnings, 'containers[0].image')).toEqual([]);
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

describe('importWorkload: exact quantities', () => {
  it('writes CPU and memory exactly where the input is exact (2Gi cores, 3300m, 1G, 7934372Ki)', () => {
    const exact = importFiles({
      'api.yaml': DEPLOYMENT.replace('cpu: 250m, memory: 128Mi', 'cpu: 3300m, memory: 1000001k').replace(
        'limits: { cpu: "2", memory: 1G }',
        'limits: { cpu: 2Gi, memory: 7934372Ki }',
      ),
    });
    expect(serviceOf(exact, 'api')).toMatchObject({
      cpuRequest: '3300m',
      cpuLimit: 2147483648,
      memoryRequest: '1000001KB',
      memoryLimit: '7934372Ki',
    });
  });
});

describe('importWorkload: no containers', () => {
  it('warns of a Deployment without containers or without a spec (Kubernetes rejects it) and does not import it', () => {
    const imported = importFiles({
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: {}\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec: { selector: { app: web } }\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ghost }\n---\n' +
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db }\nspec: { template: { spec: { containers: [] } } }\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { template: { metadata: { labels: { app: api } }, spec: { containers: [ { name: api } ] } } }\n',
    });
    expect(warningsWith(imported.warnings, 'Kubernetes rejects')).toEqual([
      'app.yaml:1:1: Deployment/web (document 1): has no containers (spec.template.spec.containers): Kubernetes rejects a Deployment without containers, so it runs no pod; not imported',
      'app.yaml:16:1: Deployment/ghost (document 3): has no spec: Kubernetes rejects a Deployment without containers, so it runs no pod; not imported',
      'app.yaml:20:1: StatefulSet/db (document 4): has no containers (spec.template.spec.containers is empty): Kubernetes rejects a StatefulSet without containers, so it runs no pod; not imported',
    ]);
    expect(imported.model.workloads.map((w) => w.name)).toEqual(['api']);
    expect(Object.keys(imported.scenario.services)).toEqual(['web', 'api']);
    // The Service it would back has no endpoints, said so; the other workloads are linked to their own documents.
    expect(
      warningsWith(imported.warnings, 'Service/web (document 2): spec.selector: selects no imported'),
    ).toHaveLength(1);
    expect(
      warningsWith(
        imported.warnings,
        'Deployment/api (document 5): spec.template.metadata.labels: no Service selects',
      ),
    ).toHaveLength(1);
  });
});
