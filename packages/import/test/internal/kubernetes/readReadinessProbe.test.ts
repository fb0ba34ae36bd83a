// An application container's readinessProbe becomes the service's: its timing and thresholds as written (seconds
// as durations), bad values warned at their field and left out, the check mechanism and timeout warned as not
// modelled, and the probes of other containers (a proxy's, a second application container's) warned.

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import { applyOverrides, loadScenarioFile, parseScenario } from '@meshsim/scenario';

import { importScenario } from '../../../src/index.js';
import { importFiles, serviceOf, tempTree, warningLines, warningsWith } from '../../__helpers__/fixtures.js';

/** A Deployment `api` and its Service, with `containers` as the pod template's containers (YAML, indented 8). */
function deployment(containers: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
${containers}---
apiVersion: v1
kind: Service
metadata: { name: api }
spec:
  selector: { app: api }
`;
}

const PROBED = `        - name: api
          image: example/api:1
          readinessProbe:
            initialDelaySeconds: 5
            periodSeconds: 5
            failureThreshold: 2
`;

describe('readReadinessProbe', () => {
  it("writes the container's probe as the service's readinessProbe, seconds as durations, only the fields set", () => {
    const imported = importFiles({ 'api.yaml': deployment(PROBED) });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({
      initialDelay: '5s',
      period: '5s',
      failureThreshold: 2,
    });
    expect(warningsWith(imported.warnings, 'readinessProbe')).toEqual([]);
    expect(imported.model.workloads[0]?.readinessProbe?.container).toBe('api');
  });

  it('gives a scenario that validates and runs with the probe in the model', () => {
    const dir = tempTree({
      'api.yaml': deployment(PROBED),
      'graph.yaml':
        'services: { api: { serviceTime: { exponential: { mean: 5ms } } } }\n' +
        'traffic: [{ to: api, rate: 50 }]\n' +
        'faults: [{ at: 1s, for: 2s, service: api, instances: 1, crash: true }]\n',
    });
    const { scenario } = importScenario([join(dir, 'api.yaml')], {
      graph: join(dir, 'graph.yaml'),
      relativeTo: dir,
    });
    expect(scenario).toContain('readinessProbe: { initialDelay: 5s, period: 5s, failureThreshold: 2 }');
    expect(() => parseScenario(scenario, 'imported.yaml')).not.toThrow();
    const file = join(tempTree({ 'imported.yaml': scenario }), 'imported.yaml');
    const config = applyOverrides(loadScenarioFile(file), { durationMs: 6000 });
    expect(config.services.find((s) => s.name === 'api')?.readinessProbe).toEqual({
      initialDelayMs: 5000,
      periodMs: 5000,
      failureThreshold: 2,
      successThreshold: 1,
    });
    expect(simulate(config).conservation.holds).toBe(true);
  });

  it('warns each value Kubernetes refuses at its field and leaves it out; 0 is the default, noted', () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: api
          readinessProbe:
            initialDelaySeconds: -1
            periodSeconds: 5s
            failureThreshold: 0
            successThreshold: 1.5
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({ failureThreshold: 3 });
    expect(warningsWith(imported.warnings, 'readinessProbe')).toEqual([
      `api.yaml:13:13: Deployment/api (document 1): spec.template.spec.containers[0].readinessProbe.initialDelaySeconds: must be a whole number of seconds >= 0 (got -1), which the API server refuses; not imported: the probe keeps Kubernetes' default initialDelay 0ms`,
      `api.yaml:14:13: Deployment/api (document 1): spec.template.spec.containers[0].readinessProbe.periodSeconds: must be a whole number of seconds >= 0 (got "5s"), which the API server refuses (write periodSeconds: 5 for 5s); not imported: the probe keeps Kubernetes' default period 10s`,
      `api.yaml:15:13: Deployment/api (document 1): spec.template.spec.containers[0].readinessProbe.failureThreshold: 0 is "not set": the API server gives it Kubernetes' default, so the probe's failureThreshold is 3`,
      `api.yaml:16:13: Deployment/api (document 1): spec.template.spec.containers[0].readinessProbe.successThreshold: must be an integer >= 0 (got 1.5), which the API server refuses; not imported: the probe keeps Kubernetes' default successThreshold 1`,
    ]);
    expect(imported.warnings.find((w) => w.field?.endsWith('failureThreshold'))?.severity).toBe('note');
  });

  it('takes a period longer than a scenario holds at its bound, warned', () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: api
          readinessProbe: { periodSeconds: 100000000 }
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({ period: '8760h' });
    expect(warningsWith(imported.warnings, 'periodSeconds 100000000 is longer than')).toHaveLength(1);
  });

  it('warns the check mechanism and timeout once, as not modelled, and imports the rest', () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: api
          readinessProbe:
            httpGet: { path: /ready, port: 8080 }
            timeoutSeconds: 2
            periodSeconds: 3
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({ period: '3s' });
    const lines = warningsWith(imported.warnings, 'readinessProbe');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      "spec.template.spec.containers[0].readinessProbe.httpGet: httpGet and timeoutSeconds are not modelled (ignored): meshsim's readiness probe fails only while the instance would turn a request away (every worker busy and its queue full)",
    );
    expect(lines[0]).toContain('a crashed instance is NotReady whatever its probe');
  });

  it("writes {} for a probe that sets none of the four (Kubernetes' defaults)", () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: api
          readinessProbe: { tcpSocket: { port: 8080 } }
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({});
  });

  it("takes the first application container's probe, warns another's, and a proxy's as the proxy's", () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: istio-proxy
          readinessProbe: { httpGet: { path: /healthz/ready, port: 15021 }, periodSeconds: 15 }
        - name: api
          readinessProbe: { periodSeconds: 5 }
        - name: cache
          readinessProbe: { periodSeconds: 20 }
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toEqual({ period: '5s' });
    expect(warningLines(imported.warnings).filter((line) => line.includes('readinessProbe'))).toEqual([
      `api.yaml:12:11: Deployment/api (document 1): spec.template.spec.containers[0].readinessProbe: the injected proxy's readiness probe: not modelled (ignored): meshsim's proxy is Ready while it runs (a crashed one makes its pod NotReady, crashProxy)`,
      `api.yaml:16:11: Deployment/api (document 1): spec.template.spec.containers[2].readinessProbe: not imported: meshsim models one application container per instance and takes the readiness probe of the first that has one (container "api"); Kubernetes counts a pod Ready only when every container is, which one probe cannot say`,
    ]);
  });

  it('writes no readinessProbe for containers without one, or with readinessProbe: null', () => {
    const imported = importFiles({
      'api.yaml': deployment(`        - name: api
          readinessProbe: null
`),
    });
    expect(serviceOf(imported, 'api')['readinessProbe']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'readinessProbe')).toEqual([]);
  });
});
