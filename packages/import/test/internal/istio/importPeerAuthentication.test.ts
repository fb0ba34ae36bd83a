// Istio PeerAuthentication → mesh.mtls (mesh-wide only).

import { describe, expect, it } from 'vitest';

import { importFiles, kubernetesApp, warningsWith } from '../../__helpers__/fixtures.js';

const NAMESPACE =
  'apiVersion: v1\nkind: Namespace\nmetadata: { name: default, labels: { istio-injection: enabled } }\n---\n';

function withPa(namespace: string, spec: string): ReturnType<typeof importFiles> {
  return importFiles({
    'app.yaml': NAMESPACE + kubernetesApp(['api']),
    'pa.yaml': `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: default, namespace: ${namespace} }\nspec:\n${spec}`,
  });
}

describe('importPeerAuthentication', () => {
  it.each([
    ['STRICT', true],
    ['PERMISSIVE', true],
    ['DISABLE', false],
  ])('a mesh-wide %s policy sets mtls: %s', (mode, mtls) => {
    const imported = withPa('istio-system', `  mtls: { mode: ${mode} }\n`);
    expect(imported.scenario.mesh).toEqual({ shape: 'istio-sidecar', mtls });
    expect(imported.model.mesh?.value).toEqual({ shape: 'istio-sidecar', mtls });
  });

  it('treats a namespace policy as mesh-wide when every service is in that namespace', () => {
    expect(withPa('default', '  mtls: { mode: DISABLE }\n').scenario.mesh).toEqual({
      shape: 'istio-sidecar',
      mtls: false,
    });
  });

  it('does not import a per-workload policy', () => {
    const imported = withPa(
      'default',
      '  selector: { matchLabels: { app: api } }\n  mtls: { mode: DISABLE }\n',
    );
    expect(imported.scenario.mesh).toBe('istio-sidecar');
    expect(warningsWith(imported.warnings, 'per-workload mTLS is not expressible')).toHaveLength(1);
  });

  it.each([
    [
      'default',
      "UNSET inherits the mode of the policy above it (the namespace's, then the mesh-wide one; PERMISSIVE when none)",
    ],
    ['istio-system', "UNSET in Istio's root namespace is PERMISSIVE mesh-wide, Istio's default"],
  ])(
    'notes that an UNSET policy in %s sets nothing, and leaves mesh.mtls at its default',
    (namespace, meaning) => {
      const imported = withPa(namespace, '  mtls: { mode: UNSET }\n');
      expect(imported.scenario.mesh).toBe('istio-sidecar');
      const notes = imported.warnings.filter((warning) => warning.severity === 'note');
      expect(warningsWith(notes, `spec.mtls.mode: ${meaning}`)).toHaveLength(1);
    },
  );
});
