// Every column table of the package with rows built from the priced fixture, for tests that check all
// tables against the column contract.

import type { ColumnContext, ColumnTable } from '../../src/columns/Column.js';
import { EDGE_SERIES_COLUMNS } from '../../src/columns/edgeSeriesColumns.js';
import { edgeColumns } from '../../src/columns/edgeColumns.js';
import { intervalRows } from '../../src/columns/intervalRows.js';
import { POLICY_EVENT_COLUMNS, policyEventRows } from '../../src/columns/policyEventColumns.js';
import { PROXY_COLUMNS, proxyKindRows, proxyTotalRow } from '../../src/columns/proxyColumns.js';
import { SERVICE_COLUMNS } from '../../src/columns/serviceColumns.js';
import { SERVICE_SERIES_COLUMNS } from '../../src/columns/serviceSeriesColumns.js';
import { shapeColumns } from '../../src/columns/shapeColumns.js';
import { timelineColumns } from '../../src/columns/timelineColumns.js';
import { VERSION_COLUMNS, versionRows } from '../../src/columns/versionColumns.js';
import { policyEventNames } from '../../src/internal/derived.js';
import { summarizeComparison } from '../../src/summarizeComparison.js';
import { asRunOf, makeEmptyResult, makePricedResult } from './fixtures.js';

/** A table, rows to read with it, and the context. */
export interface TableCase {
  name: string;
  table: ColumnTable<never>;
  rows: readonly unknown[];
  context: ColumnContext;
}

function tableCase<Row>(name: string, table: ColumnTable<Row>, rows: readonly Row[]): TableCase {
  return { name, table: table as ColumnTable<never>, rows, context: { durationMs: 10_000 } };
}

/** Every table, with rows of the priced fixture (and of an empty run where rows can be empty-valued). */
export function everyTable(): TableCase[] {
  const result = makePricedResult();
  const empty = makeEmptyResult();
  // The empty run as a shape of the priced one's scenario: a comparison is of one scenario's runs.
  const emptyShape = asRunOf(empty, result);
  return [
    tableCase('edge', edgeColumns(policyEventNames(result.edges)), [...result.edges, ...empty.edges]),
    tableCase('policy event', POLICY_EVENT_COLUMNS, policyEventRows(result.edges)),
    tableCase('service', SERVICE_COLUMNS, [...result.services, ...empty.services]),
    tableCase('version', VERSION_COLUMNS, versionRows(result.services)),
    tableCase('proxy', PROXY_COLUMNS, [...proxyKindRows(result.proxies), proxyTotalRow(result.proxies)]),
    tableCase('edge series', EDGE_SERIES_COLUMNS, intervalRows(result, result.timeSeries.edges)),
    tableCase('service series', SERVICE_SERIES_COLUMNS, intervalRows(result, result.timeSeries.services)),
    tableCase('timeline', timelineColumns('checkout'), [
      {
        span: '0–5',
        offeredRps: 800,
        goodputRatio: null,
        successRatio: null,
        worstP99Ms: null,
        retriesPerS: 2,
        utilisation: 0.5,
      },
    ]),
    tableCase('shape', shapeColumns('none'), summarizeComparison([result, emptyShape]).shapes),
  ];
}
