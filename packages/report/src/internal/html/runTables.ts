// The tables of a run's HTML report, laid out from the same column tables and column lists as the text
// summary: edges, policy events and times, services, server-side protections, versions, nodes and proxies.

import type { SimulationResult } from '@meshsim/mesh';

import type { ColumnContext } from '../../columns/Column.js';
import { edgeColumns } from '../../columns/edgeColumns.js';
import { NODE_COLUMNS } from '../../columns/nodeColumns.js';
import {
  NO_POLICY_EVENTS,
  POLICY_EVENT_COLUMNS,
  POLICY_TIME_COLUMNS,
  happenedPolicyEvents,
  heldPolicyTimes,
} from '../../columns/policyEventColumns.js';
import { PROXY_COLUMNS, proxyKindRows, proxyTotalRow } from '../../columns/proxyColumns.js';
import { SERVICE_COLUMNS } from '../../columns/serviceColumns.js';
import { VERSION_COLUMNS, versionRows } from '../../columns/versionColumns.js';
import { connectionsLine } from '../connectionsLine.js';
import { conservationLine } from '../conservationLine.js';
import { percent } from '../format.js';
import { appRetryNote } from '../appRetryNote.js';
import { inFlightNote } from '../inFlightNote.js';
import { policyEventNames, policyTimeNames } from '../derived.js';
import { escapeHtml } from './escapeHtml.js';
import { htmlTable } from './htmlTable.js';
import type { HtmlSection } from './HtmlSection.js';
import {
  EDGE_KEYS,
  nodeKeys,
  POLICY_EVENT_KEYS,
  POLICY_TIME_KEYS,
  PROTECTION_KEYS,
  proxyKeys,
  SERVICE_CPU_KEYS,
  serviceKeys,
  VERSION_KEYS,
} from '../summaryTableKeys.js';

/** The tables section: every edge, service and proxy kind, and the rest where there is something to show. */
export function runTables(result: SimulationResult): HtmlSection {
  const context: ColumnContext = result.scenario;
  const parts: string[] = [];
  parts.push(
    result.edges.length === 0
      ? '<p>Edges: none.</p>'
      : htmlTable(
          edgeColumns(policyEventNames(result.edges), policyTimeNames(result.edges)),
          EDGE_KEYS,
          result.edges,
          context,
          'Edges (caller → callee; p50/p99 of successful calls)',
        ),
  );
  for (const note of [inFlightNote(result), appRetryNote(result)])
    if (note !== null) parts.push(`<p>${escapeHtml(note)}.</p>`);
  const events = happenedPolicyEvents(result.edges);
  if (events === 'none') parts.push(`<p>${escapeHtml(NO_POLICY_EVENTS)}.</p>`);
  else if (events !== 'absent')
    parts.push(htmlTable(POLICY_EVENT_COLUMNS, POLICY_EVENT_KEYS, events.rows, context, 'Policy events'));
  const times = heldPolicyTimes(result.edges);
  if (times.length > 0)
    parts.push(htmlTable(POLICY_TIME_COLUMNS, POLICY_TIME_KEYS, times, context, 'Policy time'));
  parts.push(
    result.services.length === 0
      ? '<p>Services: none.</p>'
      : htmlTable(SERVICE_COLUMNS, serviceKeys(result), result.services, context, 'Services'),
  );
  const guarded = result.services.filter(
    (s) => s.rateLimited + s.denied + s.shed + s.deadlineDropped + s.cancelled > 0,
  );
  if (guarded.length > 0) {
    parts.push(
      htmlTable(
        SERVICE_COLUMNS,
        PROTECTION_KEYS,
        guarded,
        context,
        'Server-side protections (requests refused or dropped)',
      ),
    );
  }
  const versions = versionRows(result.services.filter((s) => s.versions.length > 1));
  if (versions.length > 0)
    parts.push(htmlTable(VERSION_COLUMNS, VERSION_KEYS, versions, context, 'Versions'));
  if (result.nodes.length > 0) {
    parts.push(htmlTable(NODE_COLUMNS, nodeKeys(result), result.nodes, context, 'Nodes (CPU)'));
    parts.push(
      htmlTable(
        SERVICE_COLUMNS,
        SERVICE_CPU_KEYS,
        result.services,
        context,
        'Service CPU (application containers)',
      ),
    );
  }
  const kinds = proxyKindRows(result.proxies);
  if (kinds.length === 0) {
    parts.push('<p>Proxies: none.</p>');
  } else {
    parts.push(
      htmlTable(
        PROXY_COLUMNS,
        proxyKeys(result),
        kinds.length === 1 ? kinds : [...kinds, proxyTotalRow(result.proxies)],
        context,
        'Proxies',
      ),
    );
    if (result.proxies.priceSource !== undefined)
      parts.push(`<p>Prices: ${escapeHtml(result.proxies.priceSource)}</p>`);
  }
  parts.push(`<p>${escapeHtml(connectionsLine(result))}.</p>`);
  parts.push(
    `<p>mTLS coverage: ${percent(result.mtlsCoverage, 1)} % of calls on mutually authenticated, encrypted edges. ` +
      `${escapeHtml(conservationLine(result))}.</p>`,
  );
  return { id: 'tables', title: 'Edges, services and proxies', html: parts.join('\n') };
}
