// The columns a CSV table gets when a guard stopped the run early: why, and when. A completed run's
// tables do not have them, so their bytes do not change.

import type { Column, ColumnContext, ColumnTable } from './Column.js';

/** `stopped_reason` and `stopped_at_ms`, read from the context (the same on every row). */
function stopColumns<Row>(): Column<Row>[] {
  return [
    {
      key: 'stopped.reason',
      read: (_row, { stopped }: ColumnContext) => stopped?.reason ?? null,
      csv: { name: 'stopped_reason' },
    },
    {
      key: 'stopped.atMs',
      read: (_row, { stopped }: ColumnContext) => stopped?.atMs ?? null,
      csv: { name: 'stopped_at_ms' },
    },
  ];
}

/** `table`, with the stop columns appended when `context` holds a stop; else `table` itself. */
export function withStopColumns<Row>(table: ColumnTable<Row>, context: ColumnContext): ColumnTable<Row> {
  return context.stopped === undefined
    ? table
    : { ...table, columns: [...table.columns, ...stopColumns<Row>()] };
}
