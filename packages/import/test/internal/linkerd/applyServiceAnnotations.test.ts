// Linkerd's retry, timeout and failure-accrual annotations on Services, and their precedence.

import { describe, expect, it } from 'vitest';

import {
  callTo,
  graphFragment,
  importFiles,
  kubernetesApp,
  serviceOf,
  warningsWith,
} from '../../__helpers__/fixtures.js';

function annotated(name: string, annotations: string): string {
  return kubernetesApp([name]).replace(
    `kind: Service\nmetadata: { name: ${name}, namespace: default }`,
    `kind: Service\nmetadata:\n  name: ${name}\n  namespace: default\n  annotations:\n${annotations}`,
  );
}

function withAnnotations(
  annotations: string,
  extra: Record<string, string> = {},
): ReturnType<typeof importFiles> {
  return importFiles(
    {
      'app.yaml': `${kubernetesApp(['frontend'])}---\n${annotated('books', annotations)}`,
      ...extra,
      'graph.yaml': graphFragment(['books']),
    },
    { graph: 'graph.yaml' },
  );
}

describe('Linkerd Service annotations', () => {
  it('retry.linkerd.io/limit counts retries (default 1); the retry timeout is a per-try timeout', () => {
    const imported = withAnnotations(
      '    retry.linkerd.io/http: gateway-error\n    retry.linkerd.io/timeout: 250ms\n',
    );
    expect(callTo(imported, 'frontend', 'books')?.['retry']).toEqual({
      attempts: 2,
      retryOn: ['gateway-error'],
      perTryTimeout: '250ms',
    });
  });

  it('adds per-try-timeout when the conditions do not cover it', () => {
    const imported = withAnnotations(
      '    retry.linkerd.io/http: "503"\n    retry.linkerd.io/limit: "3"\n    retry.linkerd.io/timeout: 1s\n',
    );
    expect(callTo(imported, 'frontend', 'books')?.['retry']).toEqual({
      attempts: 4,
      retryOn: ['overflow', 'per-try-timeout'],
      perTryTimeout: '1s',
    });
  });

  it('maps timeout.linkerd.io/request and reports response and idle timeouts', () => {
    const imported = withAnnotations('    timeout.linkerd.io/request: 2s\n    timeout.linkerd.io/idle: 1m\n');
    expect(callTo(imported, 'frontend', 'books')?.['timeout']).toBe('2s');
    expect(warningsWith(imported.warnings, 'timeout.linkerd.io/idle"]: not modelled')).toHaveLength(1);
  });

  it('maps failure accrual; its parameters alone do nothing', () => {
    const imported = withAnnotations(
      '    balancer.linkerd.io/failure-accrual: consecutive\n    balancer.linkerd.io/failure-accrual-consecutive-min-penalty: 2s\n    balancer.linkerd.io/failure-accrual-consecutive-jitter-ratio: "1.5"\n',
    );
    expect(serviceOf(imported, 'books')['destinationPolicy']).toEqual({
      failureAccrual: { minPenalty: '2s', jitter: 1.5 },
    });
    const alone = withAnnotations('    balancer.linkerd.io/failure-accrual-consecutive-max-failures: "3"\n');
    expect(serviceOf(alone, 'books')['destinationPolicy']).toBeUndefined();
    expect(warningsWith(alone.warnings, 'Linkerd performs no failure accrual')).toHaveLength(1);
  });

  it('are ignored while a ServiceProfile exists, as Linkerd does', () => {
    const imported = withAnnotations('    timeout.linkerd.io/request: 2s\n', {
      'sp.yaml':
        'apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata: { name: books.default.svc.cluster.local }\nspec:\n  routes: [ { name: all, condition: { pathRegex: ".*" }, timeout: 500ms } ]\n',
    });
    expect(callTo(imported, 'frontend', 'books')?.['timeout']).toBe('500ms');
    expect(
      warningsWith(
        imported.warnings,
        'Linkerd ignores retry, timeout and failure-accrual annotations while a ServiceProfile exists',
      ),
    ).toHaveLength(1);
  });
});
