// docs/analysis.md against the code: the thresholds table equals DIAGNOSIS_THRESHOLDS, and the store's tables
// document exactly the columns (and types) the store creates.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { DIAGNOSIS_THRESHOLDS, STORE_TABLES } from '../src/index.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/analysis.md', import.meta.url)), 'utf8');

/** The rows of the first table after `heading` (a line of the page), as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = page.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = page.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('docs/analysis.md matches the code', () => {
  it('the thresholds table lists every threshold with its value', () => {
    const rows = tableAfter('## Thresholds');
    const documented = Object.fromEntries(
      rows.map(([name = '', value = '']) => [name.replace(/`/g, ''), Number(value)]),
    );
    expect(documented).toEqual({ ...DIAGNOSIS_THRESHOLDS });
  });

  it.each(STORE_TABLES.map((t) => [t.name, t.columns] as const))(
    'table %s documents its columns and types',
    (name, columns) => {
      const rows = tableAfter(`Table \`${name}\``);
      expect(rows.map(([column = '', type = '']) => [column.replace(/`/g, ''), type])).toEqual(
        columns.map(([column, type]) => [column, type.replace(' PRIMARY KEY', '')]),
      );
    },
  );
});
