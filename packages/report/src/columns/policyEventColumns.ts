// The columns of a policy event count (what one client-side policy did on one edge over the run) and of a
// policy's time in a state (how long breakers were open, hosts ejected) [ms]: counts and durations apart.

import type { EdgeMetrics } from '@meshsim/mesh';

import { sortedPolicyEvents, sortedPolicyTimes } from '../internal/derived.js';
import { count, groupedFixed } from '../internal/format.js';
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

/** What the text and HTML tables say instead of the table when every policy counter of every edge is 0. */
export const NO_POLICY_EVENTS = 'Policy events: none happened (every counter is 0)';

/**
 * The policy events the text and HTML tables list: those that happened (count above 0), as
 * {@link policyEventRows} orders them; `none` ({@link NO_POLICY_EVENTS} to print) when the edges have counters
 * but every one is 0; `absent` when no edge has a counter (no table, no line). JSON and CSV keep every counter.
 */
export function happenedPolicyEvents(
  edges: readonly EdgeMetrics[],
): { rows: PolicyEventRow[] } | 'none' | 'absent' {
  const all = policyEventRows(edges);
  if (all.length === 0) return 'absent';
  const rows = all.filter((row) => row.count !== 0);
  return rows.length === 0 ? 'none' : { rows };
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

/** How long one policy state was held on one edge over the run [ms]. */
export interface PolicyTimeRow {
  edge: EdgeMetrics;
  /** The state, e.g. `breaker-open`. */
  state: string;
  /** Time in it [ms], summed over the policy's breakers or hosts. */
  timeMs: number;
}

/**
 * The policy states held on some edge for a while (time above 0), edges in result order, then states sorted by
 * name: what the text and HTML tables list (JSON and CSV keep every time, 0s included). A state is only held after
 * an event that is counted (`breaker-opened`, `outlier-ejections`), so with no event no time either.
 */
export function heldPolicyTimes(edges: readonly EdgeMetrics[]): PolicyTimeRow[] {
  return edges.flatMap((edge) =>
    sortedPolicyTimes(edge)
      .filter(([, timeMs]) => timeMs !== 0)
      .map(([state, timeMs]) => ({ edge, state, timeMs })),
  );
}

/** The policy time table. */
export const POLICY_TIME_COLUMNS: ColumnTable<PolicyTimeRow> = {
  columns: [
    {
      key: 'edge',
      read: ({ edge }) => `${edge.source} → ${edge.destination}`,
      text: { header: 'source → destination' },
    },
    { key: 'state', read: (row) => row.state, text: { header: 'state' } },
    {
      key: 'timeMs',
      read: (row) => row.timeMs,
      text: { header: 'time, summed over breakers or hosts (ms)', format: (value) => groupedFixed(value, 1) },
    },
  ],
};
