// The proxies' CPU limits and requests and memory requests from the pods' annotations (Istio's
// sidecar.istio.io/proxyCPULimit / proxyCPU / proxyMemory, Linkerd's config.linkerd.io/proxy-cpu-limit / …) become
// mesh.sidecar / mesh.linkerdProxy's cpuLimit, cpuRequest and memoryRequest when every workload sets the same, else
// each annotated service's own proxyCpuLimit, proxyCpuRequest, proxyMemoryRequest; nothing for another mesh or when
// the fragment gives it.

import { simulate } from '@meshsim/mesh';
import { parseScenario } from '@meshsim/scenario';
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

describe('proxyResources', () => {
  it("sets mesh.sidecar.cpuLimit from Istio's annotation when every pod agrees, without a warning", () => {
    const limit = { 'sidecar.istio.io/proxyCPULimit': '500m' };
    const imported = importFiles({ 'app.yaml': app('istio', [limit, limit]) });
    expect(imported.scenario['mesh']).toEqual({ shape: 'istio-sidecar', sidecar: { cpuLimit: '500m' } });
    expect(warningsWith(imported.warnings, 'proxies have different CPU limits')).toEqual([]);
    expect(warningsWith(imported.warnings, 'proxyCPULimit')).toEqual([]);
  });

  it("takes an injected istio-proxy container's limit (a manifest rendered after injection) like the annotation", () => {
    const injected = app('istio', [null, null]).replace(
      'spec: { containers: [ { name: app } ] }',
      'spec: { containers: [ { name: app }, { name: istio-proxy, resources: { limits: { cpu: 750m } } } ] }',
    );
    const imported = importFiles({ 'app.yaml': injected });
    // Only s0's pod template carries the injected container: s0 gets its own limit, s1 keeps the mesh's.
    const services = imported.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['s0']?.['proxyCpuLimit']).toBe('750m');
    expect(services['s1']?.['proxyCpuLimit']).toBeUndefined();
  });

  it('imports CPU requests the same way: mesh-wide with the limit when every pod agrees, else per service', () => {
    const both = { 'sidecar.istio.io/proxyCPULimit': '1', 'sidecar.istio.io/proxyCPU': '250m' };
    const agreed = importFiles({ 'app.yaml': app('istio', [both, both]) });
    expect(agreed.scenario['mesh']).toEqual({
      shape: 'istio-sidecar',
      sidecar: { cpuLimit: 1, cpuRequest: '250m' },
    });
    const differ = importFiles({
      'app.yaml': app('linkerd', [{ 'config.linkerd.io/proxy-cpu-request': '50m' }, null]),
    });
    expect(differ.scenario['mesh']).toBe('linkerd');
    const services = differ.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['s0']?.['proxyCpuRequest']).toBe('50m');
    expect(services['s1']?.['proxyCpuRequest']).toBeUndefined();
  });

  it('leaves out a request annotation too when the fragment gives the mesh, saying so', () => {
    const fragment = importFiles(
      {
        'app.yaml': app('istio', [{ 'sidecar.istio.io/proxyCPU': '250m' }]),
        'graph.yaml': 'mesh: istio-sidecar\nservices: { s0: { serviceTime: 1ms } }\n',
      },
      { graph: 'graph.yaml' },
    );
    expect(fragment.scenario['mesh']).toBe('istio-sidecar');
    expect(
      warningsWith(
        fragment.warnings,
        "sidecar.istio.io/proxyCPU on app.yaml#2 Deployment/s0: not imported (the --graph fragment's mesh is used)",
      ),
    ).toHaveLength(1);
  });

  it("sets mesh.linkerdProxy.cpuLimit from Linkerd's annotation", () => {
    const imported = importFiles({
      'app.yaml': app('linkerd', [{ 'config.linkerd.io/proxy-cpu-limit': '1' }]),
    });
    expect(imported.scenario['mesh']).toEqual({ shape: 'linkerd', linkerdProxy: { cpuLimit: 1 } });
  });

  it('gives each annotated service its own limit when the pods differ or some keep the default, without a warning', () => {
    const imported = importFiles({
      'app.yaml': app('istio', [
        { 'sidecar.istio.io/proxyCPULimit': '500m' },
        { 'sidecar.istio.io/proxyCPULimit': '1500m' },
        null,
      ]),
    });
    expect(imported.scenario['mesh']).toBe('istio-sidecar');
    const services = imported.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['s0']?.['proxyCpuLimit']).toBe('500m');
    expect(services['s1']?.['proxyCpuLimit']).toBe('1500m');
    expect(services['s2']?.['proxyCpuLimit']).toBeUndefined();
    expect(warningsWith(imported.warnings, 'different CPU limits')).toEqual([]);
    expect(imported.comments).toContainEqual(
      expect.objectContaining({
        path: ['services', 's0', 'proxyCpuLimit'],
        text: expect.stringContaining(
          'proxy CPU (pod annotation or injected container) of app.yaml#2 Deployment/s0',
        ),
      }),
    );
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

  it('imports memory requests like CPU: mesh-wide when every pod agrees, else per service; the simulation reserves them', () => {
    const agreed = importFiles({
      'app.yaml': app('istio', [
        { 'sidecar.istio.io/proxyMemory': '256Mi' },
        { 'sidecar.istio.io/proxyMemory': '256Mi' },
      ]),
    });
    expect(agreed.scenario['mesh']).toEqual({ shape: 'istio-sidecar', sidecar: { memoryRequest: '256Mi' } });
    expect(agreed.comments).toContainEqual(
      expect.objectContaining({
        text: expect.stringContaining('proxy memory (pod annotation or injected container) of'),
      }),
    );
    const differ = importFiles({
      'app.yaml': app('linkerd', [{ 'config.linkerd.io/proxy-memory-request': '1Gi' }, null]),
    });
    const services = differ.scenario['services'] as Record<string, Record<string, unknown>>;
    expect(services['s0']?.['proxyMemoryRequest']).toBe('1Gi');
    expect(services['s1']?.['proxyMemoryRequest']).toBeUndefined();
    // Linkerd's proxies request no memory by default; s0's asks for 1Gi: what the run reports as requested.
    const config = parseScenario(JSON.stringify(differ.scenario), 'imported.json');
    const result = simulate({ ...config, durationMs: 100 });
    expect(result.proxies.memoryRequestedMiB).toBe(1024);
  });

  it('warns of a memory annotation that is not a memory quantity above 0, and leaves it out', () => {
    const bad = importFiles({
      'app.yaml': app('istio', [
        { 'sidecar.istio.io/proxyMemory': 'plenty' },
        { 'sidecar.istio.io/proxyMemory': '0' },
        { 'sidecar.istio.io/proxyMemory': '512m' },
      ]),
    });
    expect(bad.scenario['mesh']).toBe('istio-sidecar');
    expect(
      warningsWith(
        bad.warnings,
        'spec.template.metadata.annotations["sidecar.istio.io/proxyMemory"]: must be a memory quantity above 0 (128Mi) (got "plenty"); not imported',
      ),
    ).toHaveLength(1);
    expect(warningsWith(bad.warnings, '(got "0"); not imported')).toHaveLength(1);
    expect(
      warningsWith(
        bad.warnings,
        '["sidecar.istio.io/proxyMemory"]: "512m" is 0.512 bytes (did you mean 512Mi?); not imported',
      ),
    ).toHaveLength(1);
  });

  it('takes a memory annotation below 1 MiB (512: bytes) as written, warned as a unit left out', () => {
    const bare = importFiles({ 'app.yaml': app('istio', [{ 'sidecar.istio.io/proxyMemory': '512' }]) });
    expect(
      warningsWith(
        bare.warnings,
        '["sidecar.istio.io/proxyMemory"]: "512" is 512 bytes (did you mean 512Mi?); imported as written',
      ),
    ).toHaveLength(1);
  });

  it('imports memory limits too: a pod whose every limit equals its request runs Guaranteed', () => {
    const both = {
      'sidecar.istio.io/proxyCPU': '200m',
      'sidecar.istio.io/proxyCPULimit': '200m',
      'sidecar.istio.io/proxyMemory': '128Mi',
      'sidecar.istio.io/proxyMemoryLimit': '128Mi',
    };
    const withApp = (files: string) =>
      files.replace(
        'spec: { containers: [ { name: app } ] }',
        'spec: { containers: [ { name: app, resources: { requests: { cpu: 500m, memory: 256Mi }, limits: { cpu: 500m, memory: 256Mi } } } ] }',
      );
    const qos = (annotations: Record<string, string>) => {
      const imported = importFiles({ 'app.yaml': withApp(app('istio', [annotations])) });
      const config = parseScenario(JSON.stringify({ ...imported.scenario, nodeCpu: 4 }), 'imported.json');
      return { imported, qos: simulate({ ...config, durationMs: 100 }).services[0]?.podQosClass };
    };
    const guaranteed = qos(both);
    expect(guaranteed.imported.scenario['mesh']).toEqual({
      shape: 'istio-sidecar',
      sidecar: { cpuLimit: '200m', cpuRequest: '200m', memoryRequest: '128Mi', memoryLimit: '128Mi' },
    });
    expect(guaranteed.qos).toBe('Guaranteed');
    // Istio's default sidecar memory limit (1Gi) over the 128Mi request keeps the pod Burstable.
    const { 'sidecar.istio.io/proxyMemoryLimit': _limit, ...noMemoryLimit } = both;
    expect(qos(noMemoryLimit).qos).toBe('Burstable');
  });
});
