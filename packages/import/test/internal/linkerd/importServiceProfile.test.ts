// Linkerd ServiceProfile → timeout, retries (with an assumed per-request cap) and retry budget.

import { describe, expect, it } from 'vitest';

import { SERVICE_PROFILE_ATTEMPTS } from '../../../src/internal/linkerd/importServiceProfile.js';
import {
  callTo,
  graphFragment,
  importFiles,
  kubernetesApp,
  serviceOf,
  warningsWith,
} from '../../__helpers__/fixtures.js';

function withProfile(
  spec: string,
  name = 'authors.default.svc.cluster.local',
): ReturnType<typeof importFiles> {
  return importFiles(
    {
      'app.yaml': kubernetesApp(['frontend', 'authors']),
      'sp.yaml': `apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata: { name: ${name} }\nspec:\n${spec}`,
      'graph.yaml': graphFragment(['authors']),
    },
    { graph: 'graph.yaml' },
  );
}

describe('importServiceProfile', () => {
  it('retries retryable routes on 5xx with the default Linkerd budget, and records the cap as an assumption', () => {
    const imported = withProfile(
      '  routes:\n    - { name: GET /a, condition: { method: GET }, isRetryable: true, timeout: 250ms }\n',
    );
    expect(callTo(imported, 'frontend', 'authors')).toEqual({
      to: 'authors',
      timeout: '250ms',
      retry: { attempts: SERVICE_PROFILE_ATTEMPTS, retryOn: ['5xx'] },
    });
    expect(serviceOf(imported, 'authors')['destinationPolicy']).toEqual({ retryBudget: 'linkerd' });
    expect(
      imported.scenario.assumptions?.some((line) => line.includes('bounded by the retry budget only')),
    ).toBe(true);
  });

  it('maps retryBudget and reports responseClasses and dstOverrides', () => {
    const imported = withProfile(
      '  routes:\n    - name: r\n      condition: { method: GET }\n      responseClasses: [ { condition: { status: { min: 500 } }, isFailure: true } ]\n  retryBudget: { retryRatio: 0.5, minRetriesPerSecond: 3, ttl: 20s }\n  dstOverrides: [ { authority: authors-v2.default.svc.cluster.local:7001, weight: 10 } ]\n',
    );
    expect(serviceOf(imported, 'authors')['destinationPolicy']).toEqual({
      retryBudget: { linkerd: { retryRatio: 0.5, minRetriesPerSecond: 3, ttl: '20s' } },
    });
    expect(warningsWith(imported.warnings, 'responseClasses: not modelled')).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'dstOverrides: not modelled')).toHaveLength(1);
  });

  it('warns when the routes disagree, using the first timeout', () => {
    const imported = withProfile(
      '  routes:\n    - { name: a, condition: { method: GET }, timeout: 1s }\n    - { name: b, condition: { method: POST }, timeout: 3s }\n',
    );
    expect(callTo(imported, 'frontend', 'authors')?.['timeout']).toBe('1s');
    expect(warningsWith(imported.warnings, "the routes' timeouts differ")).toHaveLength(1);
  });

  it('warns when the profile names a service that is not in the graph', () => {
    const imported = withProfile('  routes: []\n', 'books.default.svc.cluster.local');
    expect(
      warningsWith(
        imported.warnings,
        'ServiceProfile/books.default.svc.cluster.local (document 1): metadata.name: host "books.default.svc.cluster.local"',
      ),
    ).toHaveLength(1);
  });
});
