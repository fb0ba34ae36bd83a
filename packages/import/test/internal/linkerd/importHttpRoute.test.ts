// Gateway API HTTPRoute with Linkerd's annotations → call timeouts and retries.

import { describe, expect, it } from 'vitest';

import {
  callTo,
  graphFragment,
  importFiles,
  kubernetesApp,
  warningsWith,
} from '../../__helpers__/fixtures.js';

function withRoute(route: string, serviceAnnotations = ''): ReturnType<typeof importFiles> {
  let app = kubernetesApp(['frontend', 'books']);
  if (serviceAnnotations !== '') {
    app = app.replace(
      'kind: Service\nmetadata: { name: books, namespace: default }',
      `kind: Service\nmetadata:\n  name: books\n  annotations:\n${serviceAnnotations}`,
    );
  }
  return importFiles(
    {
      'app.yaml': app,
      'route.yaml': `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n${route}`,
      'graph.yaml': graphFragment(['books']),
    },
    { graph: 'graph.yaml' },
  );
}

const PARENT = '  parentRefs: [ { name: books, kind: Service, group: core, port: 7002 } ]\n';

describe('importHttpRoute', () => {
  it('maps the catch-all rule: timeouts.request → timeout, backendRequest → perTryTimeout', () => {
    const imported = withRoute(
      `metadata: { name: r }\nspec:\n${PARENT}  rules:\n    - matches: [ { path: { type: PathPrefix, value: / } } ]\n      timeouts: { request: 3s, backendRequest: 1s }\n`,
    );
    expect(callTo(imported, 'frontend', 'books')).toEqual({
      to: 'books',
      timeout: '3s',
      perTryTimeout: '1s',
    });
  });

  it("its annotations override the rule's timeout and the Service's retry annotations", () => {
    const imported = withRoute(
      `metadata:\n  name: r\n  annotations:\n    timeout.linkerd.io/request: 4s\n    retry.linkerd.io/http: 5xx\n    retry.linkerd.io/limit: "2"\nspec:\n${PARENT}  rules:\n    - timeouts: { request: 3s }\n`,
      '    retry.linkerd.io/http: gateway-error\n',
    );
    expect(callTo(imported, 'frontend', 'books')).toEqual({
      to: 'books',
      timeout: '4s',
      retry: { attempts: 3, retryOn: ['5xx'] },
    });
    expect(
      warningsWith(imported.warnings, "an HTTPRoute's retry annotations override the Service's"),
    ).toHaveLength(1);
  });

  it('reports rules that match only some requests, backends of other services, and non-Service parents', () => {
    const imported = withRoute(
      `metadata: { name: r }\nspec:\n  parentRefs: [ { name: books, kind: Service }, { name: gw, kind: Gateway } ]\n  rules:\n    - matches: [ { path: { value: /admin } } ]\n      timeouts: { request: 9s }\n    - backendRefs: [ { name: frontend, port: 80 } ]\n`,
    );
    expect(callTo(imported, 'frontend', 'books')).toEqual({ to: 'books' });
    expect(warningsWith(imported.warnings, 'spec.rules[0].matches: not modelled')).toHaveLength(1);
    expect(
      warningsWith(imported.warnings, 'spec.rules[1].backendRefs[0]: sends calls to another service'),
    ).toHaveLength(1);
    expect(warningsWith(imported.warnings, 'spec.parentRefs[1]: a Gateway parent')).toHaveLength(1);
  });
});
