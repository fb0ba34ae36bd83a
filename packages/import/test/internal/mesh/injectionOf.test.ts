// Which data plane a pod joins, per the meshes' documented injection rules.

import { describe, expect, it } from 'vitest';

import type { ImportedNamespace } from '../../../src/index.js';
import { injectionOf } from '../../../src/internal/mesh/injectionOf.js';

function ns(labels: Record<string, string>, annotations: Record<string, string> = {}): ImportedNamespace {
  return {
    from: { file: 'ns.yaml', document: 1, kind: 'Namespace', name: 'n' },
    name: 'n',
    labels,
    annotations,
  };
}

function pod(
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
  workloadAnnotations: Record<string, string> = {},
) {
  return { labels, annotations, workloadAnnotations };
}

describe('injectionOf', () => {
  it('Istio sidecars: a disabled label wins, then an enabled label or a revision', () => {
    expect(injectionOf(pod(), ns({ 'istio-injection': 'enabled' }))).toBe('istio-sidecar');
    expect(
      injectionOf(pod({ 'sidecar.istio.io/inject': 'false' }), ns({ 'istio-injection': 'enabled' })),
    ).toBeNull();
    expect(
      injectionOf(pod({ 'sidecar.istio.io/inject': 'true' }), ns({ 'istio-injection': 'disabled' })),
    ).toBeNull();
    expect(injectionOf(pod({ 'sidecar.istio.io/inject': 'true' }), undefined)).toBe('istio-sidecar');
    expect(injectionOf(pod(), ns({ 'istio.io/rev': 'canary' }))).toBe('istio-sidecar');
    expect(injectionOf(pod({}, { 'sidecar.istio.io/inject': 'true' }), undefined)).toBe('istio-sidecar');
  });

  it('Istio ambient: the namespace or pod label, a pod opting out, a sidecar taking precedence', () => {
    expect(injectionOf(pod(), ns({ 'istio.io/dataplane-mode': 'ambient' }))).toBe('istio-ambient');
    expect(
      injectionOf(pod({ 'istio.io/dataplane-mode': 'none' }), ns({ 'istio.io/dataplane-mode': 'ambient' })),
    ).toBeNull();
    expect(injectionOf(pod({ 'istio.io/dataplane-mode': 'ambient' }), undefined)).toBe('istio-ambient');
    expect(
      injectionOf(pod({ 'sidecar.istio.io/inject': 'true' }), ns({ 'istio.io/dataplane-mode': 'ambient' })),
    ).toBe('istio-sidecar');
  });

  it('Linkerd: the inject annotation on the pod, the workload or the namespace; disabled opts out', () => {
    expect(injectionOf(pod(), ns({}, { 'linkerd.io/inject': 'enabled' }))).toBe('linkerd');
    expect(injectionOf(pod({}, {}, { 'linkerd.io/inject': 'enabled' }), undefined)).toBe('linkerd');
    expect(
      injectionOf(pod({}, { 'linkerd.io/inject': 'disabled' }), ns({}, { 'linkerd.io/inject': 'enabled' })),
    ).toBeNull();
    expect(injectionOf(pod({}, { 'linkerd.io/inject': 'ingress' }), undefined)).toBe('linkerd');
  });
});
