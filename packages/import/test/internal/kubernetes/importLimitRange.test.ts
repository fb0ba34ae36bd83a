// A namespace's LimitRange gives the containers that set no CPU request or limit its defaults, as admission does: a
// container without a limit gets the default limit; without a request, its own limit if it has one, else the
// default request (which defaults to the default limit). Only its namespace's workloads are touched.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

/** Deployment `name` in `namespace` whose one container has `resources` (flow YAML, or '' for none), and its Service. */
function app(name: string, resources: string, namespace = 'shop'): string {
  const res = resources === '' ? '' : `, resources: ${resources}`;
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [ { name: ${name}${res} } ] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec: { selector: { app: ${name} } }\n`;
}

/** A LimitRange in namespace shop with the given `type: Container` defaults (flow YAML fields). */
function limitRange(fields: string): string {
  return `apiVersion: v1\nkind: LimitRange\nmetadata: { name: defaults, namespace: shop }\nspec:\n  limits:\n    - { type: Container, ${fields} }\n`;
}

describe('LimitRange defaults', () => {
  it('gives containers without CPU the default request and limit, and follows admission for the others', () => {
    const imported = importFiles({
      'apps.yaml': [
        app('bare', ''),
        app('limited', '{ limits: { cpu: 2 } }'),
        app('requested', '{ requests: { cpu: 50m } }'),
        app('other', '', 'ops'),
      ].join('---\n'),
      'limits.yaml': limitRange('default: { cpu: 1 }, defaultRequest: { cpu: 250m }, max: { cpu: 4 }'),
    });
    expect([serviceOf(imported, 'bare')['cpuRequest'], serviceOf(imported, 'bare')['cpuLimit']]).toEqual([
      '250m',
      1,
    ]);
    // A limit without a request: the request is the limit (not the default request).
    expect([
      serviceOf(imported, 'limited')['cpuRequest'],
      serviceOf(imported, 'limited')['cpuLimit'],
    ]).toEqual([2, 2]);
    expect([
      serviceOf(imported, 'requested')['cpuRequest'],
      serviceOf(imported, 'requested')['cpuLimit'],
    ]).toEqual(['50m', 1]);
    // Another namespace's workload is untouched.
    expect(serviceOf(imported, 'other')['cpuLimit']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'gave 2 application containers of namespace shop')).toHaveLength(
      1,
    );
    // What it does not read is warned.
    expect(warningsWith(imported.warnings, 'spec.limits[0].max: not modelled')).toHaveLength(1);
  });

  it("checks the defaults as a container's CPU (one rule, one message), a limit of 0 being no limit", () => {
    const imported = importFiles({
      'apps.yaml': app('bare', ''),
      'limits.yaml': [
        limitRange('default: { cpu: "-1" }, defaultRequest: { cpu: 100u }'),
        limitRange('default: { cpu: lots }, defaultRequest: { cpu: 0 }').replace('defaults', 'second'),
        limitRange('default: { cpu: 0 }').replace('defaults', 'third'),
      ].join('---\n'),
    });
    expect(warningsWith(imported.warnings, 'cpu: ').map((w) => w.split('.cpu: ')[1])).toEqual([
      '"-1" is negative, which Kubernetes does not allow; not imported',
      '"100u" is finer than 1m, which Kubernetes does not allow; not imported',
      '"lots" is not a Kubernetes quantity (such as 250m, 0.5 or 2), which Kubernetes rejects; not imported',
      'a limit of 0 is no limit (the kubelet sets none for it); the containers get no default CPU limit',
    ]);
    // The second's default request of 0 requests nothing: the container requests 0 (and gets no limit).
    expect(imported.model.workloads[0]?.resources[0]).toMatchObject({ cpuRequestCores: 0 });
    expect(imported.model.workloads[0]?.resources[0]?.cpuLimitCores).toBeUndefined();
  });

  it('uses the default limit as the default request when none is given', () => {
    const imported = importFiles({
      'apps.yaml': app('bare', ''),
      'limits.yaml': limitRange('default: { cpu: 500m }'),
    });
    expect([serviceOf(imported, 'bare')['cpuRequest'], serviceOf(imported, 'bare')['cpuLimit']]).toEqual([
      '500m',
      '500m',
    ]);
  });
});
