// The call-graph section of a run's HTML report: the figure the browser script lays out with dagre (with a note
// when the graph is capped), its colour legend, and the mesh shape's proxies (kinds, counts, resources) and where it enforces policies.

import { isMeshShapeName, meshShape } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';

import { count, fixed } from '../format.js';
import { ERROR_BANDS, GRAPH_LAYOUT_LIMITS } from './callGraph.js';
import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';
import type { GraphSpec } from './ReportData.js';

/** Inline code spans of the capability rows (`l7-proxy`) as HTML. */
function codeSpans(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The data plane of the run's shape: one item per proxy kind, and where policies are enforced. */
function dataPlane(result: SimulationResult): string {
  const { mesh } = result.scenario;
  const kinds = result.proxies.byKind.map(
    (kind) =>
      `<li><strong>${escapeHtml(kind.kind)}</strong>: ${count(kind.count)} · ` +
      `${fixed(kind.cpuCores, 3)} CPU cores · ${fixed(kind.memoryMiB, 1)} MiB</li>`,
  );
  const parts = [
    `<h3>Data plane: ${escapeHtml(mesh)}</h3>`,
    kinds.length === 0
      ? '<p>No proxy: calls go straight from caller to callee.</p>'
      : `<ul class="proxies">${kinds.join('')}</ul>`,
  ];
  if (isMeshShapeName(mesh)) {
    const row = meshShape(mesh).capabilityRow;
    parts.push(
      `<p>Caller-side policies (timeouts, retries, breakers) are enforced by ${codeSpans(row.client)}; ` +
        `inbound ones (rate limits, authorization) by ${codeSpans(row.server)}.</p>`,
    );
  }
  return `<div class="dataplane">${parts.join('\n')}</div>`;
}

/** Why the graph shows part of the run's: how much it leaves out, and where the rest is. */
function cappedNote(graph: GraphSpec, whole: { nodes: number; edges: number }): string {
  return (
    `<p class="graph-note">The run's call graph has ${count(whole.nodes)} nodes and ${count(whole.edges)} edges: ` +
    `more than the page lays out in about a second (${count(GRAPH_LAYOUT_LIMITS.nodes)} nodes, ` +
    `${count(GRAPH_LAYOUT_LIMITS.edges)} edges; the layout's time grows much faster than the graph). It shows the ` +
    `${count(graph.nodes.length)} busiest (calls per second into a service, out of a traffic source) and the ` +
    `${count(graph.edges.length)} busiest edges between them; the tables below list every service and edge.</p>`
  );
}

/**
 * The call graph section; `graph` is the data the browser script draws (its node and edge counts are checked),
 * `whole` the size of the run's graph when `graph` is a capped part of it (see `capGraph`).
 */
export function graphSection(
  result: SimulationResult,
  graph: GraphSpec,
  whole: { nodes: number; edges: number } | null = null,
): HtmlSection {
  const legend = ERROR_BANDS.map(
    (band, i) =>
      `<li><span class="swatch band-${i}" aria-hidden="true"></span>${escapeHtml(band.label)}</li>`,
  ).join('');
  return {
    id: 'graph',
    title: 'Call graph',
    html: [
      `<figure class="graph" data-graph="call-graph" data-nodes="${graph.nodes.length}" ` +
        `data-edges="${graph.edges.length}" tabindex="0" aria-labelledby="graph-title" aria-describedby="graph-caption">`,
      `<h3 id="graph-title">Services and calls</h3>`,
      ...(whole === null ? [] : [cappedNote(graph, whole)]),
      '<div class="graph-canvas"></div>',
      `<figcaption id="graph-caption">Traffic sources and services as nodes, calls as arrows: an arrow's width grows with its rate (req/s) and its colour says which share of its calls failed. Tab to a node or an arrow for its numbers.</figcaption>`,
      `<ul class="legend" aria-label="Arrow colours">${legend}</ul>`,
      '</figure>',
      dataPlane(result),
    ].join('\n'),
  };
}
