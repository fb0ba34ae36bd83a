// Istio Sidecar: its endpoint scope is reported as not modelled yet.

import { describe, expect, it } from 'vitest';

import { importFiles, kubernetesApp, warningsWith } from '../../__helpers__/fixtures.js';

describe('importSidecar', () => {
  it('reports the scope of endpoints as not modelled yet, listing the egress hosts', () => {
    const imported = importFiles({
      'app.yaml': kubernetesApp(['api']),
      'sidecar.yaml':
        'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: { name: default }\nspec:\n  egress: [ { hosts: [ "./*", "istio-system/*" ] } ]\n',
    });
    expect(
      warningsWith(
        imported.warnings,
        'Sidecar/default (document 1): spec: not modelled yet: the scope of endpoints a sidecar holds (egress hosts ./*, istio-system/*)',
      ),
    ).toHaveLength(1);
  });
});
