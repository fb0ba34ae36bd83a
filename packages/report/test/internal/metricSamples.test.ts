import { describe, expect, it } from 'vitest';

import type { ColumnTable } from '../../src/columns/Column.js';
import { metricSamples } from '../../src/internal/metricSamples.js';
import { TOY_COLUMNS, TOY_GAUGE, TOY_SUMMARY } from '../__helpers__/toyTable.js';
import type { ToyRow } from '../__helpers__/toyTable.js';

const context = { durationMs: 1000 };
const rows: ToyRow[] = [
  { name: 'a', value: 5, seconds: 1 },
  { name: 'b', value: null, seconds: 2 },
];

describe('metricSamples', () => {
  it('metricSamples(table, rows) lists the families in table order, each even without samples', () => {
    expect(metricSamples(TOY_COLUMNS, [], context)).toEqual([
      { family: TOY_SUMMARY, samples: [] },
      { family: TOY_GAUGE, samples: [] },
    ]);
  });

  it('metricSamples writes a summary row by row: quantiles, then _sum, then _count', () => {
    const [summary] = metricSamples(TOY_COLUMNS, rows, context);
    expect(
      summary?.samples.map((s) => `${s.name}{${s.labels.map(([k, v]) => `${k}=${v}`).join(',')}}`),
    ).toEqual([
      'toy_seconds{name=a,quantile=0.5}',
      'toy_seconds_sum{name=a}',
      'toy_seconds_count{name=a}',
      'toy_seconds{name=b,quantile=0.5}',
      'toy_seconds_sum{name=b}',
      'toy_seconds_count{name=b}',
    ]);
  });

  it('metricSamples scales values and leaves out the sample of a null value', () => {
    const [, gauge] = metricSamples(TOY_COLUMNS, rows, context);
    expect(gauge?.samples).toEqual([{ name: 'toy_value_ms', labels: [['name', 'a']], value: 10 }]);
  });

  it('metricSamples throws when a column belongs to a family the table does not export', () => {
    const table: ColumnTable<ToyRow> = { ...TOY_COLUMNS, metricFamilies: [TOY_GAUGE] };
    expect(() => metricSamples(table, rows, context)).toThrow(/column 'count' is in family toy_seconds/);
  });
});
