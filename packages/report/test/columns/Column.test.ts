// The column contract, checked on every table: unique keys, units in text headers, CSV names and
// OpenMetrics families, and reads that give what each format can print.

import { describe, expect, it } from 'vitest';

import { count } from '../../src/internal/format.js';
import { everyTable } from '../__helpers__/tables.js';

const tables = everyTable().map((c) => [c.name, c] as const);

describe('every column table', () => {
  it.each(tables)('%s: keys are unique, and so are CSV and JSON names', (_name, { table }) => {
    const keys = table.columns.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    const csv = table.columns.flatMap((c) => (c.csv === undefined ? [] : [c.csv.name]));
    expect(new Set(csv).size).toBe(csv.length);
    const json = table.columns.flatMap((c) => (c.json === undefined ? [] : [c.json.name]));
    expect(new Set(json).size).toBe(json.length);
  });

  it.each(tables)(
    '%s: a text header names its unit in parentheses unless the column is a count',
    (_name, { table }) => {
      for (const column of table.columns) {
        const text = column.text;
        if (text?.format === undefined || text.format === count) continue;
        expect(text.header, column.key).toMatch(/\(\S[^)]*\)$/);
      }
    },
  );

  it.each(tables)('%s: a column without a text format reads text (or nothing)', (_name, c) => {
    for (const column of c.table.columns.filter((col) => col.text !== undefined && !col.text.format)) {
      for (const row of c.rows) {
        const value = column.read(row as never, c.context);
        expect(value === null || typeof value === 'string', column.key).toBe(true);
      }
    }
  });

  it.each(tables)('%s: CSV names are snake_case', (_name, { table }) => {
    for (const column of table.columns) {
      if (column.csv !== undefined)
        expect(column.csv.name, column.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
  });

  it.each(tables)(
    '%s: metric families end with their unit and sample names follow the family type',
    (_name, c) => {
      const { table } = c;
      for (const column of table.columns) {
        const metric = column.metric;
        if (metric === undefined) continue;
        const { family } = metric;
        expect(table.metricFamilies, column.key).toContain(family);
        expect(family.name).toMatch(/^meshsim_[a-z0-9_]+$/);
        if (family.unit !== undefined)
          expect(family.name.endsWith(`_${family.unit}`), family.name).toBe(true);
        const suffixes: Record<string, readonly string[]> = {
          counter: ['_total'],
          gauge: [''],
          summary: ['', '_sum', '_count'],
          info: ['_info'],
        };
        expect(suffixes[family.type]?.map((suffix) => family.name + suffix)).toContain(metric.sample);
        for (const row of c.rows) {
          const value = column.read(row as never, c.context);
          expect(typeof value === 'number' || value === null, column.key).toBe(true);
        }
      }
    },
  );
});
