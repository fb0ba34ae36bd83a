// A required node affinity on a pool label picks the pool as a nodeSelector does: one term, `In` one value. Other
// forms (several terms, several values, other operators, other labels) are left to the "not modelled" warning.

import { describe, expect, it } from 'vitest';

import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

/** A Deployment `search` whose pod template has `affinity` (block YAML, indented for `spec:`), and its Service. */
function search(affinity: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: search }',
    'spec:',
    '  replicas: 2',
    '  selector: { matchLabels: { app: search } }',
    '  template:',
    '    metadata: { labels: { app: search } }',
    '    spec:',
    '      containers: [ { name: search } ]',
    '      affinity:',
    ...affinity.split('\n').map((line) => `        ${line}`),
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: search }',
    'spec: { selector: { app: search } }',
  ].join('\n');
}

/** Required node affinity terms, each a list of `{ key, operator, values }` expressions (flow YAML). */
function required(...terms: string[][]): string {
  return [
    'nodeAffinity:',
    '  requiredDuringSchedulingIgnoredDuringExecution:',
    '    nodeSelectorTerms:',
    ...terms.map((expressions) => `      - matchExpressions: [ ${expressions.join(', ')} ]`),
  ].join('\n');
}

const POOL_COMPUTE = '{ key: eks.amazonaws.com/nodegroup, operator: In, values: [compute] }';

const NODES = ['general', 'compute']
  .map(
    (pool, i) =>
      `apiVersion: v1\nkind: Node\nmetadata: { name: n${i}, labels: { topology.kubernetes.io/zone: a, eks.amazonaws.com/nodegroup: ${pool} } }\nstatus: { allocatable: { cpu: ${i === 0 ? '1930m' : '15890m'} } }\n`,
  )
  .join('---\n');

function importWith(affinity: string) {
  return importFiles({ 'search.yaml': search(affinity), 'nodes.yaml': NODES });
}

describe('required node affinity on a pool label', () => {
  it('puts the service on the pool, as a nodeSelector would, and does not warn the expression it read', () => {
    const imported = importWith(required([POOL_COMPUTE]));
    expect(serviceOf(imported, 'search')['nodePool']).toBe('compute');
    expect(warningsWith(imported.warnings, 'affinity')).toEqual([]);
  });

  it('reads the pool out of a term that also asks for something else, and warns the rest', () => {
    const arch = '{ key: kubernetes.io/arch, operator: In, values: [arm64] }';
    const imported = importWith(required([POOL_COMPUTE, arch]));
    expect(serviceOf(imported, 'search')['nodePool']).toBe('compute');
    expect(warningsWith(imported.warnings, 'matchExpressions[1]: not modelled by meshsim')).toHaveLength(1);
  });

  it('does not read two terms (either may match), two values, or another operator: warned, no pool', () => {
    const other = '{ key: eks.amazonaws.com/nodegroup, operator: In, values: [general] }';
    for (const affinity of [
      required([POOL_COMPUTE], [other]),
      required(['{ key: eks.amazonaws.com/nodegroup, operator: In, values: [compute, general] }']),
      required(['{ key: eks.amazonaws.com/nodegroup, operator: NotIn, values: [general] }']),
    ]) {
      const imported = importWith(affinity);
      expect(serviceOf(imported, 'search')['nodePool'], affinity).toBeUndefined();
      expect(warningsWith(imported.warnings, 'not modelled by meshsim').join('\n'), affinity).toContain(
        'affinity',
      );
    }
  });
});
