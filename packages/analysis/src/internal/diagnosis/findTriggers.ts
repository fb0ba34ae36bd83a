// The triggers of a run: every scheduled fault that starts before the end, and every stretch of time in
// which an open-loop source's scheduled rate is above its final rate (a load spike).

import type { FaultConfig, OpenTrafficConfig, SimulationConfig } from '@meshsim/mesh';

import type { Trigger } from '../../diagnosis/Diagnosis.js';

function faultTrigger(fault: FaultConfig): Trigger {
  const scope =
    fault.instances === Infinity ? '' : ` (${fault.instances} instance${fault.instances === 1 ? '' : 's'})`;
  return {
    kind: 'fault',
    description: `${fault.effect.kind} fault on ${fault.service}${scope}`,
    startMs: fault.atMs,
    endMs: fault.atMs + fault.durationMs,
  };
}

/** Stretches of [0, durationMs) where the source's rate is above its final rate. */
function loadTriggers(source: OpenTrafficConfig, durationMs: number): Trigger[] {
  const points = source.rate;
  const final = points[points.length - 1]?.rps ?? 0;
  const spans: [number, number][] = [];
  const add = (from: number, to: number): void => {
    if (to <= from) return;
    const last = spans[spans.length - 1];
    if (last !== undefined && last[1] >= from) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
  };
  points.forEach((point, i) => {
    const next = points[i + 1];
    const endMs = Math.min(next?.atMs ?? durationMs, durationMs);
    if (point.atMs >= endMs) return;
    if (!point.rampToNext || next === undefined) {
      if (point.rps > final) add(point.atMs, endMs);
      return;
    }
    // Linear from point.rps to next.rps: the part above `final`.
    const a = point.rps;
    const b = next.rps;
    if (a > final && b > final) add(point.atMs, endMs);
    else if (a > final || b > final) {
      const cross = point.atMs + ((final - a) / (b - a)) * (next.atMs - point.atMs);
      if (a > final) add(point.atMs, Math.min(cross, endMs));
      else add(cross, endMs);
    }
  });
  return spans.map(([startMs, endMs]) => ({
    kind: 'load',
    description: `${source.name} above ${final} req/s`,
    startMs,
    endMs,
  }));
}

/** The triggers of `config`, by start time (faults before load spikes at the same time). */
export function findTriggers(config: SimulationConfig): Trigger[] {
  const triggers = [
    ...config.faults.filter((fault) => fault.atMs < config.durationMs).map(faultTrigger),
    ...config.traffic.flatMap((source) =>
      source.kind === 'open' ? loadTriggers(source, config.durationMs) : [],
    ),
  ];
  return triggers
    .map((trigger, order) => ({ trigger, order }))
    .sort((a, b) => a.trigger.startMs - b.trigger.startMs || a.order - b.order)
    .map(({ trigger }) => trigger);
}
