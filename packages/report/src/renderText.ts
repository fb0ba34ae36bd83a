// The human-readable summary of a simulation: scenario line, edge, service and proxy tables,
// conservation check, warnings and assumptions.

import type { RunStopped, SimulationResult } from '@meshsim/mesh';

import type { RunExtras } from './RunExtras.js';
import { renderDiagnosisText } from './renderDiagnosis.js';
import { renderReplicationsText } from './renderReplications.js';

import type { ColumnContext } from './columns/Column.js';
import { edgeColumns } from './columns/edgeColumns.js';
import {
  NO_POLICY_EVENTS,
  POLICY_EVENT_COLUMNS,
  POLICY_TIME_COLUMNS,
  happenedPolicyEvents,
  heldPolicyTimes,
} from './columns/policyEventColumns.js';
import { NODE_COLUMNS } from './columns/nodeColumns.js';
import { PROXY_COLUMNS, proxyKindRows, proxyTotalRow } from './columns/proxyColumns.js';
import { SERVICE_COLUMNS } from './columns/serviceColumns.js';
import { VERSION_COLUMNS, versionRows } from './columns/versionColumns.js';
import { columnContext } from './internal/columnContext.js';
import { connectionsLine } from './internal/connectionsLine.js';
import { conservationLine } from './internal/conservationLine.js';
import { appRetryNote } from './internal/appRetryNote.js';
import { inFlightNote } from './internal/inFlightNote.js';
import { counted, duration, percent } from './internal/format.js';
import { overridesLine } from './internal/overridesLine.js';
import { podEventsSection } from './internal/podEventsSection.js';
import { renderTimeline } from './internal/renderTimeline.js';
import { escapeControls } from './internal/formatTable.js';
import { textTable } from './internal/textTable.js';
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
} from './internal/summaryTableKeys.js';
import { foldPolicyWarnings } from './internal/foldPolicyWarnings.js';

/**
 * Renders a result as plain text for a terminal: every column header carries its unit, missing values
 * (no calls, zero duration) print as `–`, never `NaN`. Deterministic: same result ⇒ same text. A run a
 * guard stopped early gets a `STOPPED EARLY (<reason>) at …` notice under the scenario line, and its
 * rates are per second of the span it covered.
 *
 * @param result - The output of `simulate`.
 * @param extras - The diagnosis and the replications' summary, printed after the edges and time line; the
 *   overrides, in an `Overrides: …` line under the scenario line (none: no line).
 * @returns Text ending with a newline.
 * @example
 * ```ts
 * process.stdout.write(renderText(simulate(config)));
 * ```
 */
export function renderText(result: SimulationResult, extras: RunExtras = {}): string {
  const { scenario } = result;
  const context: ColumnContext = columnContext(result);
  const sections: string[] = [];

  const head =
    `Scenario ${scenario.name}: mesh ${scenario.mesh}, seed ${String(scenario.seed)}, ` +
    `duration ${duration(scenario.durationMs)}, ${counted(result.events, 'event')}`;
  const overrides = extras.overrides ?? [];
  const header = overrides.length === 0 ? head : `${head}\n${overridesLine(overrides)}`;
  sections.push(scenario.description.trim() === '' ? header : `${header}\n${scenario.description.trim()}`);
  if (result.stopped !== undefined) sections.push(stoppedSection(result.stopped, scenario.durationMs));

  if (result.edges.length === 0) sections.push('Edges: none');
  else {
    const edges = textTable(edgeColumns([]), EDGE_KEYS, result.edges, context, {
      title: 'Edges (caller → callee; p50/p99 of successful calls)',
    }).trimEnd();
    // Success counts completed calls only: say so where many are still in flight. Retries are the mesh's: say where
    // the applications' own went.
    const notes = [inFlightNote(result), appRetryNote(result)].filter((n) => n !== null);
    sections.push([edges, ...notes].join('\n'));
  }

  const timeline = renderTimeline(result);
  if (timeline !== '') sections.push(timeline);
  const podEvents = podEventsSection(result.podEvents);
  if (podEvents !== '') sections.push(podEvents);

  if (extras.diagnosis !== undefined) sections.push(renderDiagnosisText(extras.diagnosis, context));
  if (extras.replications !== undefined) sections.push(renderReplicationsText(extras.replications));

  // Only the events that happened: a policy's counters are there (at 0) on every edge it guards.
  const policyEvents = happenedPolicyEvents(result.edges);
  if (policyEvents === 'none') sections.push(NO_POLICY_EVENTS);
  else if (policyEvents !== 'absent') {
    sections.push(
      textTable(POLICY_EVENT_COLUMNS, POLICY_EVENT_KEYS, policyEvents.rows, context, {
        title: 'Policy events',
      }).trimEnd(),
    );
  }
  // Durations apart from the counts: how long breakers were open and hosts ejected.
  const policyTimes = heldPolicyTimes(result.edges);
  if (policyTimes.length > 0) {
    sections.push(
      textTable(POLICY_TIME_COLUMNS, POLICY_TIME_KEYS, policyTimes, context, {
        title: 'Policy time',
      }).trimEnd(),
    );
  }

  sections.push(
    result.services.length === 0
      ? 'Services: none'
      : textTable(SERVICE_COLUMNS, serviceKeys(result), result.services, context, {
          title: 'Services',
        }).trimEnd(),
  );

  const protectedServices = result.services.filter(
    (s) => s.rateLimited + s.denied + s.shed + s.deadlineDropped + s.cancelled > 0,
  );
  if (protectedServices.length > 0) {
    sections.push(
      textTable(SERVICE_COLUMNS, PROTECTION_KEYS, protectedServices, context, {
        title: 'Server-side protections (requests refused or dropped)',
      }).trimEnd(),
    );
  }

  const versions = versionRows(result.services.filter((s) => s.versions.length > 1));
  if (versions.length > 0) {
    sections.push(
      textTable(VERSION_COLUMNS, VERSION_KEYS, versions, context, { title: 'Versions' }).trimEnd(),
    );
  }

  if (result.nodes.length > 0) {
    sections.push(
      textTable(NODE_COLUMNS, nodeKeys(result), result.nodes, context, { title: 'Nodes (CPU)' }).trimEnd(),
    );
    sections.push(
      textTable(SERVICE_COLUMNS, SERVICE_CPU_KEYS, result.services, context, {
        title: 'Service CPU (application containers)',
      }).trimEnd(),
    );
  }

  // Kinds that deploy no proxy of their own (a managed hop, an in-process library) still use resources
  // and cost money: the table shows whenever there is a kind.
  const { proxies } = result;
  const kinds = proxyKindRows(proxies);
  if (kinds.length === 0) {
    sections.push('Proxies: none');
  } else {
    const table = textTable(
      PROXY_COLUMNS,
      proxyKeys(result),
      // A total row only adds information when there are several kinds.
      kinds.length === 1 ? kinds : [...kinds, proxyTotalRow(proxies)],
      context,
      { title: 'Proxies' },
    ).trimEnd();
    sections.push(proxies.priceSource === undefined ? table : `${table}\nPrices: ${proxies.priceSource}`);
  }

  sections.push(connectionsLine(result));

  sections.push(
    `mTLS coverage: ${percent(result.mtlsCoverage, 1)} % of calls on mutually authenticated, encrypted edges`,
  );

  sections.push(conservationLine(result));

  // One per shape, policy and service: a generic 'not enforced' line says nothing the shape's own word did not.
  const warnings = foldPolicyWarnings(result.warnings);
  if (warnings.length > 0) sections.push(bulletList('Warnings', warnings));
  if (result.assumptions.length > 0) sections.push(bulletList('Assumptions', result.assumptions));

  return sections.join('\n\n') + '\n';
}

/** The notice of a run a guard stopped early: why, when, and what the figures cover. */
function stoppedSection(stopped: RunStopped, durationMs: number): string {
  return (
    `STOPPED EARLY (${stopped.reason}) at ${duration(stopped.atMs)} of ${duration(durationMs)} simulated: ` +
    `${escapeControls(stopped.message)}.\nThe figures below cover the first ${duration(stopped.atMs)} only.`
  );
}

/** A titled list, one item a line (control characters in an item, e.g. from a name, escaped: no forged line). */
function bulletList(title: string, items: readonly string[]): string {
  return `${title}:\n${items.map((item) => `  - ${escapeControls(item)}`).join('\n')}`;
}
