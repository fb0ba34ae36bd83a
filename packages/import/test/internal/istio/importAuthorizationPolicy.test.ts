// Istio AuthorizationPolicy → inbound.allowedCallers.

import { describe, expect, it } from 'vitest';

import { importFiles, kubernetesApp, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

const GRAPH = `services:
  frontend: { serviceTime: 1ms, calls: [ { to: ledger } ] }
  reports: { serviceTime: 1ms, calls: [ { to: ledger } ] }
  ledger: { serviceTime: 1ms }
traffic:
  - { to: frontend, rate: 10/s }
  - { name: analysts, to: reports, rate: 1/s }
`;

function withAp(spec: string): ReturnType<typeof importFiles> {
  return importFiles(
    {
      'app.yaml': kubernetesApp(['frontend', 'reports', 'ledger'], 'bank'),
      'ap.yaml': `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: ap, namespace: bank }\nspec:\n${spec}`,
      'graph.yaml': GRAPH,
    },
    { graph: 'graph.yaml' },
  );
}

function inbound(imported: ReturnType<typeof importFiles>, name: string): unknown {
  return serviceOf(imported, name)['inbound'];
}

describe('importAuthorizationPolicy', () => {
  it('allows the services whose service accounts the principals name', () => {
    const imported = withAp(
      '  selector: { matchLabels: { app: ledger } }\n  rules:\n    - from: [ { source: { principals: [cluster.local/ns/bank/sa/frontend] } } ]\n',
    );
    expect(inbound(imported, 'ledger')).toEqual({ allowedCallers: ['frontend'] });
    expect(inbound(imported, 'frontend')).toBeUndefined();
  });

  it('reads serviceAccounts and namespaces sources', () => {
    const accounts = withAp(
      '  selector: { matchLabels: { app: ledger } }\n  rules:\n    - from: [ { source: { serviceAccounts: [reports] } } ]\n',
    );
    expect(inbound(accounts, 'ledger')).toEqual({ allowedCallers: ['reports'] });
    const namespaces = withAp(
      '  selector: { matchLabels: { app: ledger } }\n  rules:\n    - from: [ { source: { namespaces: [bank] } } ]\n',
    );
    expect(inbound(namespaces, 'ledger')).toEqual({ allowedCallers: ['frontend', 'reports', 'ledger'] });
  });

  it('allows nothing without rules and everything with an empty rule', () => {
    const nothing = withAp('  selector: { matchLabels: { app: ledger } }\n');
    expect(inbound(nothing, 'ledger')).toEqual({ allowedCallers: [] });
    const everything = withAp('  selector: { matchLabels: { app: ledger } }\n  rules: [ {} ]\n');
    expect(inbound(everything, 'ledger')).toBeUndefined();
  });

  it('lets traffic sources in where a principal matches no imported workload (an ingress gateway)', () => {
    const imported = withAp(
      '  selector: { matchLabels: { app: frontend } }\n  rules:\n    - from: [ { source: { principals: [cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account] } } ]\n',
    );
    expect(inbound(imported, 'frontend')).toEqual({ allowedCallers: ['client'] });
    expect(warningsWith(imported.warnings, 'matches no imported workload')).toHaveLength(1);
  });

  it('warns that a traffic source will be denied when no rule allows outside callers', () => {
    const imported = withAp(
      '  selector: { matchLabels: { app: reports } }\n  rules:\n    - from: [ { source: { principals: [cluster.local/ns/bank/sa/frontend] } } ]\n',
    );
    expect(warningsWith(imported.warnings, 'traffic source "analysts" enters at "reports"')).toHaveLength(1);
  });

  it('does not import DENY policies and reports operation matches', () => {
    const deny = withAp('  action: DENY\n  rules: [ { from: [ { source: { namespaces: [bank] } } ] } ]\n');
    expect(inbound(deny, 'ledger')).toBeUndefined();
    expect(warningsWith(deny.warnings, 'DENY policies are not expressible')).toHaveLength(1);
    const ops = withAp(
      '  selector: { matchLabels: { app: ledger } }\n  rules:\n    - from: [ { source: { serviceAccounts: [frontend] } } ]\n      to: [ { operation: { methods: [GET] } } ]\n',
    );
    expect(warningsWith(ops.warnings, 'rules[0].to: not modelled')).toHaveLength(1);
  });
});
