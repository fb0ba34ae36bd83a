// How warnings and issues are printed.

import { describe, expect, it } from 'vitest';

import { ImportError, formatImportIssue, formatImportWarning } from '../src/index.js';

describe('formatImportWarning', () => {
  it('prints file:line:col, resource and document, field and message, leaving out what is absent', () => {
    expect(
      formatImportWarning({
        file: 'a.yaml',
        document: 2,
        resource: 'VirtualService/r',
        field: 'spec.http[0]',
        line: 3,
        column: 5,
        message: 'm',
      }),
    ).toBe('a.yaml:3:5: VirtualService/r (document 2): spec.http[0]: m');
    expect(formatImportWarning({ file: 'a.yaml', message: 'm' })).toBe('a.yaml: m');
    expect(
      formatImportWarning({
        file: 'l.yaml',
        document: 1,
        item: 2,
        resource: 'VirtualService/r',
        message: 'm',
      }),
    ).toBe('l.yaml: VirtualService/r (document 1, items[2]): m');
    expect(formatImportWarning({ file: '', message: 'm' })).toBe('m');
  });
});

describe('ImportError', () => {
  it('lists every issue, one per line', () => {
    const error = new ImportError([
      { file: 'a.yaml', line: 1, column: 2, reason: 'x' },
      { file: '', reason: 'y' },
    ]);
    expect(error.message).toBe('a.yaml:1:2: x\ny');
    expect(formatImportIssue({ file: 'b.yaml', reason: 'z' })).toBe('b.yaml: z');
  });
});
