// The triggers of a run: every scheduled fault that starts before the end, and every stretch of time in which an
// open-loop source's scheduled rate is above its base rate (a load spike): its final rate, or for a schedule that ends
// at 0 (the source stops sending), the lowest non-zero rate it names — unless the source says its schedule is its
// normal load (`loadTrigger: false`). Each also named as the cascade's first link (what it did, to what). A crash loop's
// lasts until its containers' restart after the fault's end (the kubelet's backoff), when its cause really ends.

import type {
  FaultConfig,
  FaultEffect,
  NodeCrashRecord,
  OpenTrafficConfig,
  ProxyRole,
  SimulationConfig,
  SimulationResult,
} from '@meshsim/mesh';

import type { Trigger } from '../../diagnosis/Diagnosis.js';
import { faultScopeText } from '../../diagnosis/faultScopeText.js';
import { crashLoopRestartMs, maxOf, minOf } from '@meshsim/mesh';
import { duration } from './reasonWords.js';

/**
 * What a node crash took down, in words: `node node-3 down with checkout 1 of 2 pods, frontend 1 of 3 pods, 1 ztunnel`
 * (the fault's own service first; sidecars go with their pods).
 */
export function nodeCrashText(crash: NodeCrashRecord): string {
  const nodes = `node${crash.nodes.length === 1 ? '' : 's'} ${crash.nodes.join(', ')}`;
  const own = crash.services.filter((s) => s.service === crash.service);
  const others = crash.services.filter((s) => s.service !== crash.service);
  const parts = [...own, ...others].map(
    (s) => `${s.service} ${s.pods} of ${s.of} pod${s.of === 1 ? '' : 's'}`,
  );
  for (const p of crash.proxies) parts.push(`${p.count} ${p.kind}${p.count === 1 ? '' : 's'}`);
  const how = crash.reachable ? 'crashed' : 'down';
  return parts.length === 0 ? `${nodes} ${how}` : `${nodes} ${how} with ${parts.join(', ')}`;
}

/** A crashed proxy role in the plural: `sidecars`, `node proxies`. */
const PROXIES: Readonly<Record<ProxyRole, string>> = {
  sidecar: 'sidecars',
  ztunnel: 'ztunnels',
  waypoint: 'waypoints',
  'node-proxy': 'node proxies',
  'managed-hop': 'managed hops',
};

/** `+2 s`, `x3`, `: + an exponential draw`: how much a latency fault adds, as written. */
function latencyAmount(effect: Extract<FaultEffect, { kind: 'latency' }>): string {
  const added = effect.addMs;
  if (added === null) return `x${effect.multiply} latency fault`;
  if (added.kind === 'constant') return `+${duration(added.value)} latency fault`;
  return `latency fault: + a${/^[aeiou]/.test(added.kind) ? 'n' : ''} ${added.kind} draw`;
}

/**
 * When a crash loop's containers come back for good [ms]: their first start at or after the fault's end, on the
 * kubelet's backoff (`crashLoopRestartMs`, the model's schedule); the fault's end for any other fault.
 */
function causeEndMs(fault: FaultConfig): number {
  const { effect, atMs, durationMs } = fault;
  return effect.kind === 'crash-loop'
    ? crashLoopRestartMs(atMs, durationMs, effect.runsForMs)
    : atMs + durationMs;
}

/**
 * ` 20 s–120 s, down until its restart at 170 s` for a crash loop whose containers come back after the fault's end
 * (the kubelet's backoff outlasts it), else ``.
 */
function restartText(fault: FaultConfig): string {
  const endMs = fault.atMs + fault.durationMs;
  const restartMs = causeEndMs(fault);
  if (restartMs <= endMs) return '';
  return ` ${duration(fault.atMs)}–${duration(endMs)}, down until its restart at ${duration(restartMs)}`;
}

/**
 * The fault as the cascade's first link: `orders-db slowed (+2 s latency fault)`, `api crashed (crash fault, 2
 * instances)`, `checkout's node node-3 down (crash-node fault, 1 instance)`, `control plane down (…)`.
 */
function faultOrigin(
  fault: FaultConfig,
  crash: NodeCrashRecord | undefined,
  replicas: number | undefined,
): string {
  const { effect, service } = fault;
  const scope = fault.instances === Infinity ? '' : `, ${faultScopeText(fault, replicas)}`;
  const what = `${effect.kind} fault${scope}`;
  switch (effect.kind) {
    case 'latency':
      return `${service} slowed (${latencyAmount(effect)}${scope})`;
    case 'error':
      return `${service} erroring (${Math.round(effect.rate * 1e4) / 100} % ${what})`;
    case 'crash':
      return `${service} crashed (${what})`;
    case 'crash-loop':
      return `${service} crash-looping${restartText(fault)} (${what})`;
    case 'crash-proxy':
      return `${service}'s ${PROXIES[effect.proxy]} crashed (${what})`;
    case 'crash-node': {
      const nodes = crash?.nodes ?? [];
      const one = crash === undefined ? fault.instances === 1 : nodes.length === 1;
      const named = nodes.length === 0 ? '' : ` ${nodes.join(', ')}`;
      return `${service}'s node${one ? '' : 's'}${named} ${effect.reachable === true ? 'crashed' : 'down'} (${what})`;
    }
    case 'control-plane-outage':
      return `control plane down (${effect.kind} fault)`;
  }
}

function faultTrigger(
  fault: FaultConfig,
  crash: NodeCrashRecord | undefined,
  replicas: number | undefined,
): Trigger {
  const scope = fault.instances === Infinity ? '' : ` (${faultScopeText(fault, replicas)})`;
  const faultEndMs = fault.atMs + fault.durationMs;
  const endMs = causeEndMs(fault);
  const restart = restartText(fault);
  return {
    kind: 'fault',
    description:
      // A crashed proxy says which (a scenario may crash the sidecar for one shape and the ztunnel for another).
      `${fault.effect.kind}${fault.effect.kind === 'crash-proxy' ? ` (${fault.effect.proxy})` : ''} fault on ${fault.service}${scope}` +
      (crash === undefined ? '' : `: ${nodeCrashText(crash)}`) +
      (restart === '' ? '' : `,${restart}`),
    origin: faultOrigin(fault, crash, replicas),
    startMs: fault.atMs,
    // A crash loop lasts until its containers are back: its cause ends then, not at the fault's end.
    endMs,
    ...(crash !== undefined && { nodeCrash: crash }),
    ...(endMs > faultEndMs && { faultEndMs }),
  };
}

/**
 * The rate a load spike is measured from: the schedule's final rate; for one that ends at 0 (the source stops
 * sending: 0 is no level it settles at), the lowest non-zero rate of its points (0 when it names none).
 */
export function baseRate(points: OpenTrafficConfig['rate']): number {
  const final = points[points.length - 1]?.rps ?? 0;
  if (final > 0) return final;
  const sending = points.map((p) => p.rps).filter((rps) => rps > 0);
  return minOf(sending, 0);
}

/** Stretches of [0, durationMs) where the source's rate is above its base rate ({@link baseRate}). */
function loadTriggers(source: OpenTrafficConfig, durationMs: number): Trigger[] {
  const points = source.rate;
  const base = baseRate(points);
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
      if (point.rps > base) add(point.atMs, endMs);
      return;
    }
    // Linear from point.rps to next.rps: the part above `base`.
    const a = point.rps;
    const b = next.rps;
    if (a > base && b > base) add(point.atMs, endMs);
    else if (a > base || b > base) {
      const cross = point.atMs + ((base - a) / (b - a)) * (next.atMs - point.atMs);
      if (a > base) add(point.atMs, Math.min(cross, endMs));
      else add(cross, endMs);
    }
  });
  return spans.map(([startMs, endMs]) => ({
    kind: 'load',
    description: `${source.name} above ${base} req/s`,
    origin: `${source.name} above ${base} req/s (load spike)`,
    startMs,
    endMs,
  }));
}

/**
 * The triggers of `config`, by start time (faults before load spikes at the same time); a `crash-node` fault's says
 * what it took down when `result` recorded it (`result.nodeCrashes`). A source with `loadTrigger: false` makes no
 * load trigger: its schedule is its normal load.
 */
export function findTriggers(config: SimulationConfig, result?: SimulationResult): Trigger[] {
  const crashes = result?.nodeCrashes ?? [];
  const triggers = [
    ...config.faults.flatMap((fault, index) =>
      fault.atMs < config.durationMs
        ? [
            faultTrigger(
              fault,
              crashes.find((crash) => crash.fault === index),
              config.services.find((service) => service.name === fault.service)?.replicas,
            ),
          ]
        : [],
    ),
    ...config.traffic.flatMap((source) =>
      source.kind === 'open' && source.loadTrigger !== false ? loadTriggers(source, config.durationMs) : [],
    ),
  ];
  return triggers
    .map((trigger, order) => ({ trigger, order }))
    .sort((a, b) => a.trigger.startMs - b.trigger.startMs || a.order - b.order)
    .map(({ trigger }) => trigger);
}

/**
 * When every trigger still active at the run's end (`durationMs`) is a crash loop whose fault ended within the run —
 * its containers wait for their restart on the kubelet's backoff — the latest of those restarts [ms]; else null (no
 * trigger active then, or one whose fault itself outlasts the run).
 */
export function restartAfterEnd(triggers: readonly Trigger[], durationMs: number): number | null {
  const active = triggers.filter((t) => t.endMs >= durationMs);
  if (active.length === 0) return null;
  if (active.some((t) => t.faultEndMs === undefined || t.faultEndMs >= durationMs)) return null;
  return maxOf(
    active.map((t) => t.endMs),
    0,
  );
}
