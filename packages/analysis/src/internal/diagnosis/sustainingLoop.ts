// The sustaining loop of a run that did not recover: the saturated services in the analysis window and
// the edges whose retries, timeouts or queues kept the load on them above capacity.

import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';

import type { LoopEdge, LoopMechanism, SustainingLoop } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import { sentAt } from './attemptsAt.js';
import { edgeDepth } from './callDepths.js';
import type { Span } from './depthAmplification.js';
import { intervalsIn, meanAt, sumAt } from './intervals.js';

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

/** The loop over `window`, or null when nothing is saturated and no edge retries there. */
export function sustainingLoop(
  config: SimulationConfig,
  result: SimulationResult,
  depths: ReadonlyMap<string, number>,
  window: Span,
  t: DiagnosisThresholds,
): SustainingLoop | null {
  const { startMs, edges, services } = result.timeSeries;
  const sourceNames = new Set(config.traffic.map((s) => s.name));
  const idx = intervalsIn(startMs, window.fromMs, window.toMs);
  if (idx.length === 0) return null;
  const seconds = idx.length * (result.timeSeries.intervalMs / 1000);
  const utilisation = new Map(services.map((s) => [s.name, meanAt(s.utilisation, idx)] as const));
  const queue = new Map(services.map((s) => [s.name, meanAt(s.queueLength, idx)] as const));
  const saturated = services
    .map((s) => s.name)
    .filter((name) => (utilisation.get(name) ?? 0) >= t.loopUtilisation);
  const workers = new Map(config.services.map((s) => [s.name, s.concurrency * s.replicas] as const));
  const totals = new Map(result.edges.map((e) => [`${e.source}\u0000${e.destination}`, e] as const));
  const wastedShare: Record<string, number> = {};
  for (const name of saturated) {
    const metrics = result.services.find((s) => s.name === name);
    if (metrics !== undefined && metrics.completed > 0)
      wastedShare[name] = metrics.wasted / metrics.completed;
  }

  const loopEdges: LoopEdge[] = [];
  for (const series of edges) {
    // A source's calls still waiting for one of its connections were not attempted yet.
    const sent = sentAt(series, idx);
    const retries = sumAt(series.retries, idx);
    const attempts = sent + retries;
    if (attempts === 0) continue;
    const callee = series.destination;
    const mechanisms: LoopMechanism[] = [];
    if (retries / attempts >= t.loopRetryShare) mechanisms.push('retries');
    const total = totals.get(`${series.source}\u0000${callee}`);
    const timedOut = (total?.failures.timeout ?? 0) + (total?.failures['per-try-timeout'] ?? 0);
    const calleeSaturated = saturated.includes(callee);
    if (calleeSaturated && total !== undefined && total.failed > 0 && sumAt(series.failed, idx) > 0) {
      if (timedOut / total.failed >= t.loopTimeoutShare) mechanisms.push('timeouts');
    }
    const waiting = queue.get(callee) ?? 0;
    if (
      calleeSaturated &&
      (waiting >= (workers.get(callee) ?? Infinity) || (wastedShare[callee] ?? 0) >= 0.1)
    ) {
      mechanisms.push('queue');
    }
    if (mechanisms.length === 0 || (!calleeSaturated && !mechanisms.includes('retries'))) continue;
    loopEdges.push({
      source: series.source,
      destination: callee,
      depth: edgeDepth(series.source, depths, sourceNames) ?? 0,
      mechanisms,
      attemptsPerCall: sent > 0 ? attempts / sent : 0,
      attemptsRps: attempts / seconds,
      calleeUtilisation: utilisation.get(callee) ?? 0,
      calleeQueueLength: waiting,
    });
  }
  loopEdges.sort(
    (a, b) =>
      a.depth - b.depth || a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination),
  );
  if (saturated.length === 0 && loopEdges.length === 0) return null;

  const parts: string[] = [];
  for (const name of saturated) {
    const wasted = wastedShare[name];
    parts.push(
      `${name} saturated (utilisation ${percent(utilisation.get(name) ?? 0)}, ${Math.round(queue.get(name) ?? 0)} waiting` +
        (wasted === undefined ? '' : `, ${percent(wasted)} of its completed work wasted`) +
        ')',
    );
  }
  for (const edge of loopEdges) {
    parts.push(
      `${edge.source} → ${edge.destination}: ${edge.mechanisms.join(' + ')} (${edge.attemptsPerCall.toFixed(2)} attempts per call)`,
    );
  }
  return {
    fromMs: window.fromMs,
    toMs: window.toMs,
    saturated,
    edges: loopEdges,
    wastedShare,
    summary: parts.join('; '),
  };
}
