// The columns of a policy event count: what one client-side policy did on one edge over the run.

import type { EdgeMetrics } from '@meshsim/mesh';

import { sortedPolicyEvents } from '../internal/derived.js';
import { count } from '../internal/format.js';
import type { ColumnTable } from './Column.js';

/** How often one policy event happened on one edge. */
export interface PolicyEventRow {
  edge: EdgeMetrics;
  event: string;
  count: number;
}

/** Every policy event of every edge: edges in result order, then events sorted by name. */
export function policyEventRows(edges: readonly EdgeMetrics[]): PolicyEventRow[] {
  return edges.flatMap((edge) => sortedPolicyEvents(edge).map(([event, n]) => ({ edge, event, count: n })));
}

/** The policy event table. */
export const POLICY_EVENT_COLUMNS: ColumnTable<PolicyEventRow> = {
  columns: [
    {
      key: 'edge',
      read: ({ edge }) => `${edge.source} → ${edge.destination}`,
      text: { header: 'source → destination' },
    },
    { key: 'event', read: (row) => row.event, text: { header: 'event' } },
    { key: 'count', read: (row) => row.count, text: { header: 'count', format: count } },
  ],
};
