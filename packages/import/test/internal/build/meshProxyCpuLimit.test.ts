// The proxies' CPU limit from the pods' annotations: Istio's sidecar.istio.io/proxyCPULimit becomes
// mesh.sidecar.cpuLimit, Linkerd's config.linkerd.io/proxy-cpu-limit mesh.linkerdProxy.cpuLimit; one value for
// every proxy (the largest, warned when they differ), nothing for another mesh or when the fragment gives it.

import { describe, expect, it } from 'vitest';

import { importFiles, warningsWith } from '../../__helpers__/fixtures.js';

/** A namespace meshed by `mesh` and Deployments `names` with the pod annotations `annotations[i]`. */
function app(mesh: 'istio' | 'linkerd', annotations: readonly (Record<string, string> | null)[]): string {
  const namespace =
    mesh === 'istio'
      ? 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { istio-injection: enabled } }\n'
      : 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, annotations: { linkerd.io/inject: enabled } }\n';
  const deployments = annotations.map((set, i) => {
    const ann = set === null ? '' : `, annotations: ${JSON.stringify(set)}`;
    return `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: s${i}, namespace: shop }\nspec:\n  selector: { matchLabels: { app: s${i} } }\n  template:\n    metadata: { labels: { app: s${i} }${ann} }\n    spec: { containers: [ { name: app } ] }\n`;
  });
  return [namespace, ...deployments].join('---\n');
}

describe('meshProxyCpuLimit', () => {
  it("sets mesh.sidecar.cpuLimit from Istio's annotation when every pod agrees, without a warning", () => {
    const limit = { 'sidecar.istio.io/proxyCPULimit': '500m' };
    const imported = importFiles({ 'app.yaml': app('istio', [limit, limit]) });
    expect(imported.scenario['mesh']).toEqual({ shape: 'istio-sidecar', sidecar: { cpuLimit: '500m' } });
    expect(warningsWith(imported.warnings, 'proxies have different CPU limits')).toEqual([]);
    expect(warningsWith(imported.warnings, 'proxyCPULimit')).toEqual([]);
  });

  it("sets mesh.linkerdProxy.cpuLimit from Linkerd's annotation", () => {
    const imported = importFiles({
      'app.yaml': app('linkerd', [{ 'config.linkerd.io/proxy-cpu-limit': '1' }]),
    });
    expect(imported.scenario['mesh']).toEqual({ shape: 'linkerd', linkerdProxy: { cpuLimit: 1 } });
  });

  it('takes the largest when the pods differ or some keep the default, and says which', () => {
    const imported = importFiles({
      'app.yaml': app('istio', [
        { 'sidecar.istio.io/proxyCPULimit': '500m' },
        { 'sidecar.istio.io/proxyCPULimit': '1500m' },
        null,
      ]),
    });
    expect(imported.scenario['mesh']).toEqual({ shape: 'istio-sidecar', sidecar: { cpuLimit: '1500m' } });
    expect(
      warningsWith(
        imported.warnings,
        "the workloads' proxies have different CPU limits (Deployment/s0 500m, Deployment/s1 1500m, Deployment/s2 the default); meshsim gives every istio-sidecar proxy one profile: mesh.sidecar.cpuLimit 1500m, the largest set",
      ),
    ).toHaveLength(1);
  });

  it("leaves out another mesh's annotation, a bad value, and the annotation when the fragment gives the mesh", () => {
    const linkerdOnIstio = importFiles({
      'app.yaml': app('istio', [{ 'config.linkerd.io/proxy-cpu-limit': '1' }]),
    });
    expect(linkerdOnIstio.scenario['mesh']).toBe('istio-sidecar');
    expect(
      warningsWith(
        linkerdOnIstio.warnings,
        'config.linkerd.io/proxy-cpu-limit on app.yaml#2 Deployment/s0: not imported (the mesh is istio-sidecar)',
      ),
    ).toHaveLength(1);
    const bad = importFiles({ 'app.yaml': app('istio', [{ 'sidecar.istio.io/proxyCPULimit': 'lots' }]) });
    expect(bad.scenario['mesh']).toBe('istio-sidecar');
    expect(
      warningsWith(
        bad.warnings,
        'spec.template.metadata.annotations["sidecar.istio.io/proxyCPULimit"]: must be a CPU quantity of at least 1m (got "lots"); not imported',
      ),
    ).toHaveLength(1);
    const fragment = importFiles(
      {
        'app.yaml': app('istio', [{ 'sidecar.istio.io/proxyCPULimit': '500m' }]),
        'graph.yaml': 'mesh: linkerd\nservices: { s0: { serviceTime: 1ms } }\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(fragment.scenario['mesh']).toBe('linkerd');
    expect(
      warningsWith(fragment.warnings, "not imported (the --graph fragment's mesh is used)"),
    ).toHaveLength(1);
  });
});
