// A service's cpuLimit and cpuRequest (and memoryLimit and memoryRequest) from its workloads' application
// containers, counted as Kubernetes counts a pod: limits add up when every container sets one, a container without
// a request requests its limit, injected proxies do not count, and workloads that differ give the largest, warned.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

/** A Deployment `name` of service `api` whose pod has `containers` (YAML flow items). */
function deployment(name: string, containers: readonly string[]): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  selector: { matchLabels: { app: api, v: ${name} } }\n  template:\n    metadata: { labels: { app: api, v: ${name} } }\n    spec:\n      containers: [ ${containers.join(', ')} ]\n`;
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: { name: api }\nspec: { selector: { app: api } }\n';

function importPods(...pods: (readonly string[])[]): ReturnType<typeof importFiles> {
  const docs = pods.map((containers, i) => deployment(`api-${String(i + 1)}`, containers));
  return importFiles({ 'api.yaml': [...docs, SERVICE].join('---\n') });
}

const c = (name: string, resources: string): string => `{ name: ${name}, resources: ${resources} }`;

describe('serviceCpu', () => {
  it("adds up the application containers' limits and requests; a request defaults to the limit", () => {
    const imported = importPods([
      c('app', '{ requests: { cpu: 250m }, limits: { cpu: 1 } }'),
      c('worker', '{ limits: { cpu: 500m } }'),
    ]);
    expect(serviceOf(imported, 'api')).toMatchObject({ cpuLimit: '1500m', cpuRequest: '750m' });
  });

  it('gives no limit when one application container has none, and says which', () => {
    const imported = importPods([c('app', '{ limits: { cpu: 1 } }'), '{ name: logger }']);
    expect(serviceOf(imported, 'api')['cpuLimit']).toBeUndefined();
    expect(serviceOf(imported, 'api')['cpuRequest']).toBe(1);
    expect(
      warningsWith(
        imported.warnings,
        'api.yaml#1 Deployment/api-1: container "logger" sets no CPU limit while others do, so the pod has none',
      ),
    ).toHaveLength(1);
  });

  it('does not count the containers a mesh injects', () => {
    const imported = importPods([
      c('app', '{ limits: { cpu: 1 } }'),
      c('linkerd-proxy', '{ requests: { cpu: 100m }, limits: { cpu: 1 } }'),
    ]);
    expect(serviceOf(imported, 'api')).toMatchObject({ cpuLimit: 1, cpuRequest: 1 });
  });

  it('takes the largest when its workloads differ (no limit is the largest), with a warning naming each', () => {
    const imported = importPods(
      [c('app', '{ requests: { cpu: 100m }, limits: { cpu: 500m } }')],
      [c('app', '{ requests: { cpu: 200m }, limits: { cpu: 2 } }')],
    );
    expect(serviceOf(imported, 'api')).toMatchObject({ cpuLimit: 2, cpuRequest: '200m' });
    expect(
      warningsWith(
        imported.warnings,
        'service "api": its workloads set different CPU (cpuLimit Deployment/api-1 500m, Deployment/api-2 2); a service has one cpuLimit for all its instances: 2, the largest',
      ),
    ).toHaveLength(1);
    const oneUnlimited = importPods([c('app', '{ limits: { cpu: 500m } }')], ['{ name: app }']);
    expect(serviceOf(oneUnlimited, 'api')['cpuLimit']).toBeUndefined();
    expect(serviceOf(oneUnlimited, 'api')['cpuRequest']).toBe('500m');
    expect(
      warningsWith(oneUnlimited.warnings, 'cpuLimit Deployment/api-1 500m, Deployment/api-2 none'),
    ).toHaveLength(1);
  });

  it('sets nothing, and says nothing about CPU, when no container sets resources', () => {
    const imported = importPods(['{ name: app }']);
    expect(serviceOf(imported, 'api')['cpuLimit']).toBeUndefined();
    expect(serviceOf(imported, 'api')['cpuRequest']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'CPU')).toEqual([]);
  });
});

describe('serviceMemory', () => {
  it('counts memory as CPU: limits add up when every container sets one, a request defaults to the limit', () => {
    const imported = importPods([
      c('app', '{ requests: { memory: 256Mi }, limits: { memory: 1Gi } }'),
      c('worker', '{ limits: { memory: 512Mi } }'),
    ]);
    expect(serviceOf(imported, 'api')).toMatchObject({ memoryLimit: '1536Mi', memoryRequest: '768Mi' });
  });

  it('takes the largest when workloads differ, with a warning, and leaves out injected proxies', () => {
    const imported = importPods(
      [c('app', '{ requests: { memory: 128Mi } }'), c('istio-proxy', '{ requests: { memory: 128Mi } }')],
      [c('app', '{ requests: { memory: 512Mi } }')],
    );
    expect(serviceOf(imported, 'api')).toMatchObject({ memoryRequest: '512Mi' });
    expect(serviceOf(imported, 'api')['memoryLimit']).toBeUndefined();
    expect(
      warningsWith(
        imported.warnings,
        'service "api": its workloads set different memory (memoryRequest Deployment/api-1 128Mi, Deployment/api-2 512Mi)',
      ),
    ).toHaveLength(1);
  });
});
