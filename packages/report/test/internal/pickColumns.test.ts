import { describe, expect, it } from 'vitest';

import { pickColumns } from '../../src/internal/pickColumns.js';
import { TOY_COLUMNS } from '../__helpers__/toyTable.js';

describe('pickColumns', () => {
  it('pickColumns(table, keys, format) returns the columns in the order of the keys', () => {
    expect(pickColumns(TOY_COLUMNS, ['value', 'name'], 'text').map((c) => c.key)).toEqual(['value', 'name']);
  });

  it('pickColumns throws naming a key the table does not have', () => {
    expect(() => pickColumns(TOY_COLUMNS, ['name', 'nope'], 'text')).toThrow("no column 'nope'");
  });

  it('pickColumns throws naming a column without the format', () => {
    expect(() => pickColumns(TOY_COLUMNS, ['seconds'], 'text')).toThrow(
      "column 'seconds' has no text format",
    );
  });
});
