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

  it.each([
    [
      'a retryRatio above 1000',
      'retryRatio: 5000, minRetriesPerSecond: 10, ttl: 10s',
      'retryRatio: 5000 is outside 0..1000 ("retry_budget retry_ratio invalid")',
    ],
    [
      'a ttl under 1s',
      'retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 500ms',
      'ttl: 500ms is outside 1s..60s ("retry_budget ttl invalid")',
    ],
    [
      'a ttl over 60s',
      'retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10000h',
      'ttl: 10000h is outside 1s..60s ("retry_budget ttl invalid")',
    ],
  ])(
    'does not import a budget linkerd2-proxy discards (%s), nor the retries it then does not make',
    (_what, budget, problem) => {
      const imported = withProfile(
        `  routes:\n    - { name: GET /a, condition: { method: GET }, isRetryable: true, timeout: 250ms }\n  retryBudget: { ${budget} }\n`,
      );
      expect(callTo(imported, 'frontend', 'authors')).toEqual({ to: 'authors', timeout: '250ms' });
      expect(serviceOf(imported, 'authors')['destinationPolicy']).toBeUndefined();
      expect(
        warningsWith(
          imported.warnings,
          `spec.retryBudget.${problem}: linkerd2-proxy discards a retry budget outside Tower's ranges; not imported`,
        ),
      ).toHaveLength(1);
      expect(
        warningsWith(
          imported.warnings,
          'spec.routes: linkerd2-proxy discards this profile\'s retry budget (see spec.retryBudget) and then retries none of its routes ("retry_budget is missing"): the retryable routes are imported without retries',
        ),
      ).toHaveLength(1);
    },
  );

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
