// The fault windows of a run, for the HTML report: when each fault was active and what it did, in words (a crash
// loop's until its containers are back, as its diagnosis trigger).

import { faultScopeText } from '@meshsim/analysis';
import { formatDuration } from '@meshsim/mesh';
import { crashLoopRestartMs } from '@meshsim/mesh';
import type { FaultConfig, FaultEffect } from '@meshsim/mesh';

import { percent } from '../format.js';
import type { TimeWindow } from './ReportData.js';

/** What a fault does, in a few words. */
function effectLabel(effect: FaultEffect): string {
  switch (effect.kind) {
    case 'latency':
      if (effect.addMs === null) return `latency ×${effect.multiply}`;
      return effect.multiply === 1 ? 'added latency' : `added latency, ×${effect.multiply}`;
    case 'error':
      return `${percent(effect.rate, 0)} % errors`;
    case 'crash':
      return 'crash';
    case 'crash-loop':
      return 'crash loop';
    case 'crash-proxy':
      return `${effect.proxy} crash`;
    case 'crash-node':
      return 'node crash';
    case 'control-plane-outage':
      return 'control-plane outage';
  }
}

/** The fault's label: effect, service and instances (a control-plane outage concerns no service). */
export function faultLabel(fault: FaultConfig): string {
  const effect = effectLabel(fault.effect);
  if (fault.effect.kind === 'control-plane-outage') return effect;
  return `${effect}: ${fault.service} (${faultScopeText(fault)})`;
}

/**
 * When the fault's cause ends [ms]: its end, or for a crash loop its containers' first start at or after it (the
 * kubelet's backoff, `crashLoopRestartMs`: the end of its diagnosis trigger).
 */
function causeEndMs(fault: FaultConfig): number {
  const { effect, atMs, durationMs } = fault;
  return effect.kind === 'crash-loop'
    ? crashLoopRestartMs(atMs, durationMs, effect.runsForMs)
    : atMs + durationMs;
}

/**
 * One window per distinct span of `faults` within the run, in start order; faults over the same span
 * share a window (labels joined with `; `). A fault that starts after the run ends has none. A crash loop's window
 * lasts until its containers' restart after the fault, which its label names (`, down until its restart at 170 s`).
 */
export function faultWindows(faults: readonly FaultConfig[], durationMs: number): TimeWindow[] {
  const windows = new Map<string, TimeWindow>();
  for (const fault of faults) {
    if (fault.atMs >= durationMs) continue;
    const causeMs = causeEndMs(fault);
    const endMs = Math.min(durationMs, causeMs);
    const key = `${fault.atMs}/${endMs}`;
    const existing = windows.get(key);
    const restart =
      causeMs > fault.atMs + fault.durationMs
        ? `, fault until ${formatDuration(fault.atMs + fault.durationMs)}, down until its restart at ${formatDuration(causeMs)}`
        : '';
    const label = faultLabel(fault) + restart;
    if (existing === undefined) windows.set(key, { startS: fault.atMs / 1000, endS: endMs / 1000, label });
    else if (!existing.label.split('; ').includes(label)) existing.label += `; ${label}`;
  }
  return [...windows.values()].sort((a, b) => a.startS - b.startS || a.endS - b.endS);
}
