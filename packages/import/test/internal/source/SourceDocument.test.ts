// The bookkeeping of used fields and positions of a resource.

import { describe, expect, it } from 'vitest';

import { parseSourceText } from '../../../src/internal/source/parseSourceFile.js';
import { formatFieldPath } from '../../../src/internal/source/fieldPath.js';

const TEXT = `kind: Thing
metadata:
  name: one
  annotations:
    linkerd.io/inject: enabled
spec:
  used: 1
  nested:
    kept: true
    dropped: 2
  list: [a, b]
---
kind: Other
`;

describe('SourceDocument', () => {
  const parsed = parseSourceText(TEXT, 'thing.yaml');
  if ('issues' in parsed) throw new Error('unexpected syntax error');
  const [doc, other] = parsed.documents;
  if (doc === undefined || other === undefined) throw new Error('two documents expected');

  it('knows its file, 1-based document index, kind and name', () => {
    expect([doc.file, doc.document, doc.kind, doc.resource, doc.namespace]).toEqual([
      'thing.yaml',
      1,
      'Thing',
      'Thing/one',
      'default',
    ]);
    expect([other.document, other.resource]).toEqual([2, 'Other']);
  });

  it('labels each item of a kind: List by its index, in its ref and its warnings', () => {
    const list = parseSourceText(
      'kind: List\nitems:\n- { kind: A, metadata: { name: a } }\n- { kind: B, metadata: { name: b } }\n',
      'list.yaml',
    );
    if ('issues' in list) throw new Error('unexpected syntax error');
    expect(list.documents.map((d) => [d.document, d.item, d.resource])).toEqual([
      [1, 0, 'A/a'],
      [1, 1, 'B/b'],
    ]);
    expect(list.documents[1]?.ref()).toEqual({
      file: 'list.yaml',
      document: 1,
      item: 1,
      kind: 'B',
      name: 'b',
    });
    expect(doc.item).toBeUndefined();
    expect(doc.ref()).not.toHaveProperty('item');
  });

  it('lists the roots of the subtrees no one used', () => {
    doc.use(['kind']);
    doc.use(['metadata', 'name']);
    doc.get(['spec', 'used']);
    doc.get(['spec', 'nested', 'kept']);
    expect(doc.unused([['metadata', 'annotations']]).map(formatFieldPath)).toEqual([
      'spec.nested.dropped',
      'spec.list',
    ]);
  });

  it('positions a field at its key, and a missing field at its closest written ancestor', () => {
    expect(doc.position(['spec', 'nested', 'dropped'])).toEqual({ line: 10, column: 5 });
    expect(doc.position(['spec', 'list', 1])).toEqual({ line: 11, column: 13 });
    expect(doc.position(['spec', 'missing', 'deep'])).toEqual({ line: 6, column: 1 });
  });

  it('prints paths with brackets for keys that are not identifiers', () => {
    expect(formatFieldPath(['metadata', 'annotations', 'linkerd.io/inject'])).toBe(
      'metadata.annotations["linkerd.io/inject"]',
    );
  });
});
