import { describe, expect, it } from 'vitest';

import { textCell, textTable } from '../../src/internal/textTable.js';
import { TOY_COLUMNS } from '../__helpers__/toyTable.js';

const context = { durationMs: 1000 };

describe('textTable', () => {
  it('textTable(table, keys, rows) prints the headers, formats numbers and prints null as –', () => {
    const text = textTable(
      TOY_COLUMNS,
      ['name', 'value'],
      [
        { name: 'a', value: 1.25, seconds: 1 },
        { name: 'bb', value: null, seconds: 2 },
      ],
      context,
      { title: 'Toys' },
    );
    expect(text).toBe('Toys\nname  value (ms)\n----  ----------\na            1.3\nbb             –\n');
  });

  it('textCell(column, value) prints a text as it is and NaN through the formatter as –', () => {
    const [name, value] = TOY_COLUMNS.columns;
    if (name === undefined || value === undefined) throw new Error('toy table has columns');
    expect(textCell(name, 'x,y')).toBe('x,y');
    expect(textCell(value, Number.NaN)).toBe('–');
    expect(textCell(value, null)).toBe('–');
  });
});
