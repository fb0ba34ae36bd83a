// What a column of a result entity's table is: a stable key, how to read the value from a row, and how
// each output format names and prints it. The renderers lay out rows from these tables, nothing else.

import type { RunStopped } from '@meshsim/mesh';

/** A value read from a row: a number, a text, or null when the value does not exist. */
export type CellValue = number | string | null;

/** What a column may need besides its row. */
export interface ColumnContext {
  /** Simulated time the metrics cover [ms]: the run's duration, or where a guard stopped it. */
  durationMs: number;
  /** Why and when a guard stopped the run early; absent when it ran to its duration. */
  stopped?: RunStopped;
}

/** OpenMetrics labels as `[name, value]` pairs, in output order. */
export type MetricLabels = readonly (readonly [string, string])[];

/** One OpenMetrics metric family: what its `# HELP`, `# TYPE` and `# UNIT` lines say. */
export interface MetricFamily {
  /** Family name, e.g. `meshsim_requests`; it ends with `_<unit>` when the family has a unit. */
  name: string;
  type: 'counter' | 'gauge' | 'summary' | 'info';
  /** Unit, e.g. `milliseconds`; absent for counts. */
  unit?: string;
  help: string;
}

/** How a column reads in text tables. */
export interface TextFormat {
  /** Header; a number's header carries its unit in parentheses, e.g. `p99 (ms)` (counts: the counted noun). */
  header: string;
  /**
   * Formats a number (a text prints as it is). Null prints as `–`; a formatter prints `–` for NaN and ±Infinity.
   * @defaultValue none: the column holds text
   */
  format?: (value: number) => string;
  /** Alignment of header and cells. @defaultValue `'right'` with a `format`, `'left'` without */
  align?: 'left' | 'right';
}

/** How a column reads in CSV. */
export interface CsvFormat {
  /** Column name: snake_case, ending with the unit when there is one (`p99_ms`, `rate_rps`). */
  name: string;
  /** Cell written for a null value (NaN and ±Infinity are always empty). @defaultValue `''` (empty cell) */
  missing?: string;
}

/** How a column reads in a JSON document that is laid out from a table (the comparison). */
export interface JsonFormat {
  /** Field name: camelCase, ending with the unit when there is one (`addedP99Ms`). */
  name: string;
}

/** How a column reads in OpenMetrics: one sample per row, in the column's family. */
export interface MetricFormat {
  family: MetricFamily;
  /** Sample name: the family name plus the type's suffix (`_total`, `_sum`, `_count`, `_info`) if any. */
  sample: string;
  /** Labels after the row's own (e.g. `quantile="0.99"`). */
  labels?: MetricLabels;
  /** Factor from the column's unit to the family's (e.g. MiB → bytes). @defaultValue 1 */
  scale?: number;
}

/** One column of a table of rows of type `Row`. A format the column has no entry for does not show it. */
export interface Column<Row> {
  /**
   * Stable identifier that layouts and tests refer to: the result's field path where the column reads one
   * field (`latency.p99Ms`, `failures.timeout`), else a camelCase name (`rateRps`).
   */
  key: string;
  /** The value of this column for `row`; null when it does not exist (e.g. p99 without a successful call). */
  read: (row: Row, context: ColumnContext) => CellValue;
  text?: TextFormat;
  csv?: CsvFormat;
  json?: JsonFormat;
  /** Absent for a column that OpenMetrics does not export (a null value also leaves the sample out). */
  metric?: MetricFormat;
}

/** The columns of one result entity (edge, service, proxy kind, …). */
export interface ColumnTable<Row> {
  /** Every column; the CSV lays out those with a `csv` entry in this order. */
  columns: readonly Column<Row>[];
  /**
   * The OpenMetrics families the table exports, in output order (each is written even without samples).
   * Every column's `metric.family` must be one of them.
   */
  metricFamilies?: readonly MetricFamily[];
  /** The OpenMetrics labels that identify a row, for tables that OpenMetrics exports. */
  metricLabels?: (row: Row) => MetricLabels;
}
