// The human-readable summary of a simulation: scenario line, edge, service and proxy tables,
// conservation check, warnings and assumptions.

import type { SimulationResult } from '@meshsim/mesh';

import { formatTable } from './formatTable.js';
import { renderTimeline } from './renderTimeline.js';
import {
  edgeErrors,
  edgeRejected,
  edgeSuccessRatio,
  edgeTimeouts,
  ratePerSecond,
  sortedPolicyEvents,
} from './internal/derived.js';
import { count, duration, fixed, ms, percent } from './internal/format.js';

/**
 * Renders a result as plain text for a terminal: every column header carries its unit, missing values
 * (no calls, zero duration) print as `–`, never `NaN`. Deterministic: same result ⇒ same text.
 *
 * @param result - The output of `simulate`.
 * @returns Text ending with a newline.
 * @example
 * ```ts
 * process.stdout.write(renderText(simulate(config)));
 * ```
 */
export function renderText(result: SimulationResult): string {
  const { scenario } = result;
  const sections: string[] = [];

  const head =
    `Scenario ${scenario.name}: mesh ${scenario.mesh}, seed ${String(scenario.seed)}, ` +
    `duration ${duration(scenario.durationMs)}, ${count(result.events)} events`;
  sections.push(scenario.description.trim() === '' ? head : `${head}\n${scenario.description.trim()}`);

  sections.push(
    result.edges.length === 0
      ? 'Edges: none'
      : formatTable(
          [
            { header: 'source → destination', align: 'left' },
            { header: 'calls', align: 'right' },
            { header: 'rate (req/s)', align: 'right' },
            { header: 'success (%)', align: 'right' },
            { header: 'p50 (ms)', align: 'right' },
            { header: 'p99 (ms)', align: 'right' },
            { header: 'retries', align: 'right' },
            { header: 'timeouts', align: 'right' },
            { header: 'rejected', align: 'right' },
            { header: 'errors', align: 'right' },
          ],
          result.edges.map((edge) => {
            const hasLatency = edge.latency.count > 0;
            return [
              `${edge.source} → ${edge.destination}`,
              count(edge.calls),
              fixed(ratePerSecond(edge.calls, scenario.durationMs), 1),
              percent(edgeSuccessRatio(edge), 2),
              hasLatency ? ms(edge.latency.p50Ms) : '–',
              hasLatency ? ms(edge.latency.p99Ms) : '–',
              count(edge.retries),
              count(edgeTimeouts(edge)),
              count(edgeRejected(edge)),
              count(edgeErrors(edge)),
            ];
          }),
          { title: 'Edges (caller → callee)' },
        ).trimEnd(),
  );

  const timeline = renderTimeline(result);
  if (timeline !== '') sections.push(timeline);

  const policyRows = result.edges.flatMap((edge) =>
    sortedPolicyEvents(edge).map(([event, n]) => [`${edge.source} → ${edge.destination}`, event, count(n)]),
  );
  if (policyRows.length > 0) {
    sections.push(
      formatTable(
        [
          { header: 'source → destination', align: 'left' },
          { header: 'event', align: 'left' },
          { header: 'count', align: 'right' },
        ],
        policyRows,
        { title: 'Policy events' },
      ).trimEnd(),
    );
  }

  sections.push(
    result.services.length === 0
      ? 'Services: none'
      : formatTable(
          [
            { header: 'service', align: 'left' },
            { header: 'instances', align: 'right' },
            { header: 'concurrency', align: 'right' },
            { header: 'utilisation (%)', align: 'right' },
            { header: 'arrived', align: 'right' },
            { header: 'rejected', align: 'right' },
            { header: 'errors', align: 'right' },
            { header: 'wasted', align: 'right' },
            { header: 'max queue', align: 'right' },
            { header: 'p99 (ms)', align: 'right' },
          ],
          result.services.map((service) => [
            service.name,
            count(service.instances),
            count(service.concurrency),
            percent(service.utilisation, 1),
            count(service.arrived),
            count(service.rejected),
            count(service.errors),
            count(service.wasted),
            count(service.maxQueueLength),
            service.latency.count > 0 ? ms(service.latency.p99Ms) : '–',
          ]),
          { title: 'Services' },
        ).trimEnd(),
  );

  const protectedServices = result.services.filter(
    (s) => s.rateLimited + s.denied + s.shed + s.deadlineDropped + s.cancelled > 0,
  );
  if (protectedServices.length > 0) {
    sections.push(
      formatTable(
        [
          { header: 'service', align: 'left' },
          { header: 'rate-limited (429)' },
          { header: 'denied (403)' },
          { header: 'shed (503)' },
          { header: 'deadline dropped (504)' },
          { header: 'cancelled' },
        ],
        protectedServices.map((s) => [
          s.name,
          count(s.rateLimited),
          count(s.denied),
          count(s.shed),
          count(s.deadlineDropped),
          count(s.cancelled),
        ]),
        { title: 'Server-side protections (requests refused or dropped)' },
      ).trimEnd(),
    );
  }

  const versionRows = result.services
    .filter((s) => s.versions.length > 1)
    .flatMap((s) =>
      s.versions.map((v) => [
        `${s.name}/${v.name}`,
        count(v.instances),
        count(v.arrived),
        percent(s.arrived > 0 ? v.arrived / s.arrived : Number.NaN, 2),
        percent(v.successRate, 2),
      ]),
    );
  if (versionRows.length > 0) {
    sections.push(
      formatTable(
        [
          { header: 'service/version', align: 'left' },
          { header: 'instances' },
          { header: 'arrived' },
          { header: 'share (%)' },
          { header: 'success (%)' },
        ],
        versionRows,
        { title: 'Versions' },
      ).trimEnd(),
    );
  }

  const { proxies } = result;
  sections.push(
    proxies.count === 0
      ? 'Proxies: none'
      : formatTable(
          [
            { header: 'kind', align: 'left' },
            { header: 'count', align: 'right' },
            { header: 'CPU (cores)', align: 'right' },
            { header: 'memory (MiB)', align: 'right' },
            { header: 'queued', align: 'right' },
          ],
          [
            ...proxies.byKind.map((kind) => [
              kind.kind,
              count(kind.count),
              fixed(kind.cpuCores, 3),
              fixed(kind.memoryMiB, 1),
              count(kind.queued),
            ]),
            // A total row only adds information when there are several kinds.
            ...(proxies.byKind.length === 1
              ? []
              : [
                  [
                    'total',
                    count(proxies.count),
                    fixed(proxies.cpuCores, 3),
                    fixed(proxies.memoryMiB, 1),
                    count(proxies.byKind.reduce((sum, kind) => sum + kind.queued, 0)),
                  ],
                ]),
          ],
          { title: 'Proxies' },
        ).trimEnd(),
  );

  sections.push(
    `mTLS coverage: ${percent(result.mtlsCoverage, 1)} % of calls on mutually authenticated, encrypted edges`,
  );

  const c = result.conservation;
  sections.push(
    `Conservation: offered ${count(c.offered)} = succeeded ${count(c.succeeded)} + failed ${count(c.failed)}` +
      ` + in flight ${count(c.inFlight)} (${c.holds ? 'holds' : 'VIOLATED'})`,
  );

  if (result.warnings.length > 0) sections.push(bulletList('Warnings', result.warnings));
  if (result.assumptions.length > 0) sections.push(bulletList('Assumptions', result.assumptions));

  return sections.join('\n\n') + '\n';
}

function bulletList(title: string, items: readonly string[]): string {
  return `${title}:\n${items.map((item) => `  - ${item.replace(/\n/g, '\n    ')}`).join('\n')}`;
}
