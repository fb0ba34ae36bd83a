import { describe, expect, it } from 'vitest';

import { escapeControls, formatTable } from '../../src/internal/formatTable.js';

describe('formatTable', () => {
  it('formatTable(columns, rows) pads columns to the widest cell and right-aligns numbers', () => {
    // Arrange
    const columns = [{ header: 'service' }, { header: 'p99 (ms)' }, { header: 'rate (req/s)' }];
    const rows = [
      ['checkout', '12.5', '1,600.0'],
      ['frontend-long-name', '0.352', '8.0'],
    ];

    // Act
    const lines = formatTable(columns, rows).split('\n');

    // Assert
    expect(lines).toEqual([
      'service             p99 (ms)  rate (req/s)',
      '------------------  --------  ------------',
      'checkout                12.5       1,600.0',
      'frontend-long-name     0.352           8.0',
      '',
    ]);
  });

  it('formatTable(columns, rows) gives every line of the table the same width', () => {
    const text = formatTable(
      [{ header: 'a', align: 'left' }, { header: 'bb (ms)' }],
      [
        ['x', '1'],
        ['yyyyyyyy', '123456789'],
      ],
    );
    const widths = new Set(
      text
        .trimEnd()
        .split('\n')
        .map((line) => line.length),
    );
    expect(widths.size).toBe(1);
  });

  it('formatTable(columns, rows, { title, indent }) prints the title first and indents every line', () => {
    const text = formatTable([{ header: 'name' }], [['a']], { title: 'Services', indent: '  ' });
    expect(text).toBe('  Services\n  name\n  ----\n  a\n');
  });

  it('formatTable(columns, rows) left-aligns text columns and honours an explicit align', () => {
    const text = formatTable(
      [{ header: 'kind' }, { header: 'n', align: 'left' }],
      [
        ['envoy', '1'],
        ['ztunnel', '100'],
      ],
    );
    expect(text.split('\n')[2]).toBe('envoy    1');
    expect(text.split('\n')[3]).toBe('ztunnel  100');
  });

  it('formatTable(columns, rows) treats `–` as a number placeholder and leaves no trailing spaces', () => {
    const text = formatTable(
      [{ header: 'name' }, { header: 'p99 (ms)' }],
      [
        ['a', '–'],
        ['b', '10.5'],
      ],
    );
    expect(text.split('\n')[2]).toBe('a            –');
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('formatTable(columns, rows) renders missing cells empty', () => {
    const text = formatTable([{ header: 'a' }, { header: 'b' }], [['only-a']]);
    expect(text).not.toContain('undefined');
  });

  it('formatTable([]) throws a RangeError', () => {
    expect(() => formatTable([], [])).toThrow(RangeError);
  });

  it('formatTable escapes control characters in cells and headers, so every row stays one aligned line', () => {
    const text = formatTable(
      [{ header: 'source' }, { header: 'calls' }],
      [
        ['multi\nline', '5'],
        ['tab\there\r', '10'],
        ['bell\u0007', '7'],
        ['back\\slash', '1'],
      ],
    );
    const lines = text.trimEnd().split('\n');
    expect(lines).toEqual([
      'source       calls',
      '-----------  -----',
      'multi\\nline      5',
      'tab\\there\\r     10',
      'bell\\x07         7',
      'back\\slash       1',
    ]);
    expect(escapeControls('a\u009fb\u007f')).toBe('a\\x9fb\\x7f');
  });
});
