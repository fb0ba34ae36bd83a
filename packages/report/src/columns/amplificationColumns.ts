// The columns of work amplification per call depth: attempts per offered request before the trigger, during the
// triggers and in the analysis window, and the last two as ratios of the first.

import type { DepthAmplification } from '@meshsim/analysis';

import { count, fixed } from '../internal/format.js';
import type { ColumnTable, MetricFamily } from './Column.js';

const ATTEMPTS: MetricFamily = {
  name: 'meshsim_attempts_per_request',
  type: 'gauge',
  // No UNIT: OpenMetrics requires a family with one to end in `_<unit>`, and this name predates that check.
  help: 'Attempts (first tries + retries) at a call depth per request offered by the traffic sources, before the trigger (reference), during the triggers (during) and after them (analysis).',
};

/** The amplification table. */
export const AMPLIFICATION_COLUMNS: ColumnTable<DepthAmplification> = {
  columns: [
    {
      key: 'depth',
      read: (row) => row.depth,
      text: { header: 'depth', format: count },
      csv: { name: 'depth' },
    },
    {
      key: 'baseline',
      read: (row) => row.baseline,
      text: { header: 'attempts/request before', format: (x) => fixed(x, 2) },
      csv: { name: 'baseline_attempts_per_request' },
      metric: { family: ATTEMPTS, sample: ATTEMPTS.name, labels: [['window', 'reference']] },
    },
    {
      key: 'during',
      read: (row) => row.during,
      text: { header: 'during', format: (x) => fixed(x, 2) },
      csv: { name: 'during_attempts_per_request' },
      metric: { family: ATTEMPTS, sample: ATTEMPTS.name, labels: [['window', 'during']] },
    },
    {
      key: 'window',
      read: (row) => row.window,
      text: { header: 'after', format: (x) => fixed(x, 2) },
      csv: { name: 'window_attempts_per_request' },
      metric: { family: ATTEMPTS, sample: ATTEMPTS.name, labels: [['window', 'analysis']] },
    },
    {
      key: 'duringRatio',
      read: (row) => row.duringRatio,
      text: { header: 'during ÷ before (×)', format: (x) => fixed(x, 2) },
      csv: { name: 'during_amplification' },
    },
    {
      key: 'ratio',
      read: (row) => row.ratio,
      text: { header: 'after ÷ before (×)', format: (x) => fixed(x, 2) },
      csv: { name: 'amplification' },
    },
    { key: 'edges', read: (row) => row.edges.join(', '), text: { header: 'edges' }, csv: { name: 'edges' } },
  ],
  metricFamilies: [ATTEMPTS],
  metricLabels: (row) => [['depth', String(row.depth)]],
};
