// The story at the top of a run's HTML report: what ran (scenario, mesh and its proxy profiles, seed, traffic), what
// went wrong and when (the faults), and how it played out (the verdict, success, the worst second, how the run ended).

import type { Diagnosis } from '@meshsim/analysis';
import { isMeshShapeName, meshShape } from '@meshsim/mesh';
import type { EdgeMetrics, SimulationConfig, SimulationResult, TrafficConfig } from '@meshsim/mesh';

import { verdictLabel } from '../../columns/verdictColumns.js';
import { measuredMs } from '../columnContext.js';
import { count, duration, fixed, ms, percent } from '../format.js';
import { profileText } from '../meshProfiles.js';
import { escapeHtml } from './escapeHtml.js';
import { factList } from './factList.js';
import type { HtmlSection } from './HtmlSection.js';
import type { TimeWindow } from './ReportData.js';

/**
 * A traffic source in words: `shoppers → frontend: 300 req/s (open, poisson)`. A ramp is told at the point it leads
 * to, as a file's `ramp: true` on that point writes it (`1500 req/s from 40 s (a linear ramp from 300 req/s at 0 ms)`);
 * the config keeps it as `rampToNext` on the point before.
 */
function trafficLine(traffic: TrafficConfig): string {
  if (traffic.kind === 'closed')
    return `${traffic.name} → ${traffic.to}: ${count(traffic.users)} users (closed loop)`;
  const points = traffic.rate;
  const rate =
    points.length === 1
      ? `${fixed(points[0]?.rps ?? 0, 0)} req/s`
      : points
          .map((point, i) => {
            const previous = points[i - 1];
            const ramp =
              previous?.rampToNext === true
                ? ` (a linear ramp from ${fixed(previous.rps, 0)} req/s at ${duration(previous.atMs)})`
                : '';
            return `${fixed(point.rps, 0)} req/s from ${duration(point.atMs)}${ramp}`;
          })
          .join(', ');
  return `${traffic.name} → ${traffic.to}: ${rate} (open, ${traffic.arrival})`;
}

/** The per-interval success of the traffic sources: the lowest interval and the last few. */
function successStory(result: SimulationResult, sources: readonly EdgeMetrics[]): string[] {
  const { timeSeries } = result;
  const names = new Set(sources.map((e) => `${e.source}\u0000${e.destination}`));
  const series = timeSeries.edges.filter((s) => names.has(`${s.source}\u0000${s.destination}`));
  const intervals = timeSeries.startMs.length;
  if (intervals === 0 || series.length === 0) return [];
  const ratios: (number | null)[] = [];
  for (let i = 0; i < intervals; i++) {
    const ok = series.reduce((n, s) => n + (s.succeeded[i] ?? 0), 0);
    const failed = series.reduce((n, s) => n + (s.failed[i] ?? 0), 0);
    ratios.push(ok + failed > 0 ? ok / (ok + failed) : null);
  }
  let worst = -1;
  ratios.forEach((ratio, i) => {
    if (ratio !== null && (worst === -1 || ratio < (ratios[worst] ?? 1))) worst = i;
  });
  const lines: string[] = [];
  if (worst >= 0) {
    lines.push(
      `Lowest success in one interval: ${percent(ratios[worst] ?? 0, 1)} % at ` +
        `${duration(timeSeries.startMs[worst] ?? 0)}.`,
    );
  }
  const tail = ratios.slice(-Math.min(5, intervals)).filter((ratio): ratio is number => ratio !== null);
  if (tail.length > 0) {
    // From the first of those intervals to the run's end: the last interval may be short (a 12.5 s run's last five
    // cover 4.5 s).
    const tailMs = measuredMs(result) - (timeSeries.startMs[intervals - Math.min(5, intervals)] ?? 0);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    lines.push(`Success over the last ${duration(tailMs)}: ${percent(mean, 1)} % (mean of the intervals).`);
  }
  return lines;
}

/**
 * The verdict in words, with how long it took to recover or how long the run stayed down (the diagnosis'
 * `recoveryMs` and `stillDownMs`): `degraded-recovered, back 2 s after the last trigger ended`,
 * `metastable, still down 30 s after the last trigger ended`, `stable (lossy)`. The Diagnosis section says why.
 */
export function verdictLine(diagnosis: Diagnosis): string {
  const { recoveryMs, stillDownMs } = diagnosis;
  const verdict = verdictLabel(diagnosis.verdict, diagnosis.lossy);
  if (recoveryMs !== null) {
    return recoveryMs < 0
      ? `${verdict}, back ${duration(-recoveryMs)} before the last trigger ended (while it was still active)`
      : `${verdict}, back ${duration(recoveryMs)} after the last trigger ended`;
  }
  if (stillDownMs !== null)
    return `${verdict}, still down ${duration(stillDownMs)} after the last trigger ended`;
  return verdict;
}

/**
 * The story section. `config` (the run's input) adds the traffic sources' rates; `windows` are the
 * faults' windows (shaded on the charts); `diagnosis` adds the verdict in a line ({@link verdictLine});
 * `overrides` (what the command line changed of the scenario, `PATH=VALUE` each) are named after the duration.
 */
export function runStory(
  result: SimulationResult,
  windows: readonly TimeWindow[],
  config: SimulationConfig | undefined,
  diagnosis?: Diagnosis,
  overrides: readonly string[] = [],
): HtmlSection {
  const { scenario } = result;
  const services = new Set(result.services.map((s) => s.name));
  const sources = result.edges.filter((e) => !services.has(e.source));
  const succeeded = sources.reduce((n, e) => n + e.succeeded, 0);
  const failed = sources.reduce((n, e) => n + e.failed, 0);
  const retries = result.edges.reduce((n, e) => n + e.retries, 0);
  const shape = isMeshShapeName(scenario.mesh) ? meshShape(scenario.mesh).summary : '';

  const entries: [string, string][] = [
    ['Mesh', shape === '' ? scenario.mesh : `${scenario.mesh}: ${shape}`],
    // The proxy profiles that ran, the scenario's own fields marked.
    ...(scenario.meshProfiles ?? []).map((profile): [string, string] => [
      `Profile ${profile.name} (${profile.kind})`,
      profileText(profile),
    ]),
    ['Seed', String(scenario.seed)],
    ['Duration', duration(scenario.durationMs)],
  ];
  if (overrides.length > 0) entries.push(['Overrides', overrides.join(', ')]);
  if (config !== undefined && config.traffic.length > 0) {
    entries.push(['Traffic', config.traffic.map(trafficLine).join('; ')]);
  }
  // Without the config the faults are unknown: say nothing rather than "none".
  if (config !== undefined) {
    entries.push([
      'Faults',
      windows.length === 0
        ? 'none'
        : windows
            .map((w) => `${w.label} from ${duration(w.startS * 1000)} to ${duration(w.endS * 1000)}`)
            .join('; '),
    ]);
  }
  if (diagnosis !== undefined) entries.push(['Verdict', verdictLine(diagnosis)]);

  const outcome = [
    succeeded + failed === 0
      ? 'No call of the traffic sources completed.'
      : `The traffic sources' calls: ${count(succeeded)} succeeded, ${count(failed)} failed ` +
        `(${percent(succeeded / (succeeded + failed), 2)} % success); ${count(retries)} retries on all edges.`,
    ...sources
      .filter((e) => e.latency.count > 0)
      .map(
        (e) =>
          `${e.source} → ${e.destination}: p50 ${ms(e.latency.p50Ms)} ms, p99 ${ms(e.latency.p99Ms)} ms.`,
      ),
    ...successStory(result, sources),
  ];
  const description = scenario.description.trim();
  return {
    id: 'story',
    title: 'What happened',
    html: [
      description === '' ? '' : `<p class="description">${escapeHtml(description)}</p>`,
      factList(entries),
      `<ul class="outcome">\n${outcome.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>`,
    ]
      .filter((part) => part !== '')
      .join('\n'),
  };
}
