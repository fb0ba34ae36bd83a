import { describe, expect, it } from 'vitest';

import { csvTable } from '../../src/internal/csvTable.js';
import { TOY_COLUMNS } from '../__helpers__/toyTable.js';

describe('csvTable', () => {
  it('csvTable(table, rows) writes the CSV columns in table order, rounds to 6 decimals, quotes texts', () => {
    const csv = csvTable(
      TOY_COLUMNS,
      [
        { name: 'a,"b"', value: 1 / 3, seconds: 2 },
        { name: 'c', value: null, seconds: Number.NaN },
      ],
      { durationMs: 1000 },
    );
    // A null value is the column's `missing` cell; NaN is always empty.
    expect(csv).toBe('name,value_ms,seconds\n"a,""b""",0.333333,2\nc,n/a,\n');
  });
});
