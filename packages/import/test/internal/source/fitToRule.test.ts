// Numbers the inputs may hold but a scenario bounds (tries, durations, replicas) are taken at the scenario's maximum,
// warned at their line with why meshsim bounds them, and the import still writes a scenario the loader accepts.

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { importScenario } from '../../../src/index.js';
import type { ImportWarning } from '../../../src/index.js';
import { graphFragment, kubernetesApp, tempTree, warningsWith } from '../../__helpers__/fixtures.js';

/**
 * Imports inline files through `importScenario`, which checks the scenario with the loader (it throws "the imported
 * scenario is invalid" on a value past a bound), with a graph in which frontend calls reviews.
 */
function importChecked(
  files: Readonly<Record<string, string>>,
  withGraph = true,
): { scenario: string; warnings: ImportWarning[] } {
  const dir = tempTree(withGraph ? { ...files, 'graph.yaml': graphFragment(['reviews']) } : files);
  const inputs = Object.keys(files).map((name) => join(dir, name));
  return importScenario(
    inputs,
    withGraph ? { graph: join(dir, 'graph.yaml'), relativeTo: dir } : { relativeTo: dir },
  );
}

const APP = kubernetesApp(['frontend', 'reviews']);
const LONGER =
  'is longer than any duration a scenario holds (at most 8760h, a year, longer than any run, which lasts at most 720h); imported as 8760h, which acts the same in any run';

describe('fitToRule', () => {
  it('takes Istio retries beyond 100 tries at 100, and durations beyond a year at a year', () => {
    const { scenario, warnings } = importChecked({
      'app.yaml': APP,
      'vs.yaml':
        'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: reviews }\nspec:\n  hosts: [reviews]\n  http:\n    - timeout: 9000h\n      retries: { attempts: 2147483647, perTryTimeout: 1s, backoff: 10000h }\n',
    });
    const services = (parse(scenario) as { services: Record<string, { calls: unknown[] }> }).services;
    expect(services['frontend']?.calls[0]).toEqual({
      to: 'reviews',
      timeout: '8760h',
      retry: {
        attempts: 100,
        retryOn: ['connect-failure'],
        perTryTimeout: '1s',
        backoff: { base: '8760h' },
      },
    });
    expect(
      warningsWith(
        warnings,
        "vs.yaml:8:18: VirtualService/reviews (document 1): spec.http[0].retries.attempts: attempts 2147483647 (2147483648 tries, which Istio takes) is more than a scenario's retry.attempts holds (at most 100: Envoy and Istio default to 2–3 tries; 100 tries per call per hop is already a retry storm, and each try is work); imported as retry.attempts: 100 (99 retries)",
      ),
    ).toHaveLength(1);
    expect(warningsWith(warnings, `spec.http[0].timeout: 9000h ${LONGER}`)).toHaveLength(1);
    expect(warningsWith(warnings, `spec.http[0].retries.backoff: 10000h ${LONGER}`)).toHaveLength(1);
  });

  it('takes replicas beyond 10000 at 10000: a Deployment, an autoscaler raising one, an isotope service', () => {
    const big = APP.replace('replicas: 2', 'replicas: 20000');
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: frontend }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: frontend-v1 }\n  minReplicas: 12000\n  maxReplicas: 15000\n';
    const { scenario, warnings } = importChecked({ 'app.yaml': big, 'hpa.yaml': hpa });
    expect(scenario.match(/replicas: 10000/g)).toHaveLength(1);
    const why =
      "is more than a scenario's replicas holds (at most 10000: far above published single deployments; every caller instance keeps per-endpoint state for each replica); imported as replicas: 10000";
    expect(
      warningsWith(
        warnings,
        `app.yaml:5:3: Deployment/frontend-v1 (document 1): spec.replicas: 20000 replicas ${why}`,
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(
        warnings,
        `hpa.yaml:6:3: HorizontalPodAutoscaler/frontend (document 1): spec.minReplicas: 12000 replicas ${why}`,
      ),
    ).toHaveLength(1);

    const isotope = importChecked(
      {
        'graph-iso.yaml':
          'apiVersion: v1alpha1\nkind: MockServiceGraph\nservices:\n  - { name: reviews, numReplicas: 50000, script: [ { sleep: 6000h }, { sleep: 6000h } ] }\n',
      },
      false,
    );
    expect(isotope.scenario).toMatch(/replicas: 10000/);
    expect(isotope.scenario).toContain('serviceTime: 8760h');
    expect(warningsWith(isotope.warnings, 'services[0].numReplicas: 50000 replicas')).toHaveLength(1);
    expect(
      warningsWith(isotope.warnings, `services[0].script: the sleeps' total 12000h ${LONGER}`),
    ).toHaveLength(1);
  });

  it('takes a Linkerd retry limit beyond 99 retries at 100 tries, and its long durations at a year', () => {
    const service =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  annotations:\n    retry.linkerd.io/http: 5xx\n    retry.linkerd.io/limit: "500"\n    timeout.linkerd.io/request: 9000h\n    balancer.linkerd.io/failure-accrual: consecutive\n    balancer.linkerd.io/failure-accrual-consecutive-max-penalty: 9000h\nspec: { selector: { app: reviews } }\n';
    const app = APP.replace(
      /kind: Service\nmetadata: \{ name: reviews[^]*$/,
      'kind: ConfigMap\nmetadata: { name: unused }\n',
    );
    const { scenario, warnings } = importChecked({ 'app.yaml': app, 'svc.yaml': service });
    expect(scenario).toContain('attempts: 100');
    expect(
      warningsWith(
        warnings,
        `metadata.annotations["retry.linkerd.io/limit"]: a limit of 500 retries (501 tries) is more than a scenario's retry.attempts holds (at most 100`,
      ),
    ).toHaveLength(1);
    expect(
      warningsWith(warnings, `metadata.annotations["timeout.linkerd.io/request"]: 9000h ${LONGER}`),
    ).toHaveLength(1);
    expect(
      warningsWith(
        warnings,
        `metadata.annotations["balancer.linkerd.io/failure-accrual-consecutive-max-penalty"]: 9000h ${LONGER}`,
      ),
    ).toHaveLength(1);
  });
});
