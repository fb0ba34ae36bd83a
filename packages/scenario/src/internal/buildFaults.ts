// Resolves `faults` into FaultConfigs: the effect of each (latency, errors, crashes of instances, proxies
// or nodes, control-plane outages), its start, duration and the instances it is anchored on.

import type { FaultConfig, FaultEffect } from '@meshsim/mesh';
import type { RawFault } from '../schema.js';
import { instancesPercent } from '../faultSchema.js';
import { parseDurationMs as ms } from '../units.js';
import { resolveDistribution } from './resolveDistribution.js';
import type { PathIssue } from './PathIssue.js';

function faultEffectOf(raw: RawFault, i: number, issues: PathIssue[]): FaultEffect {
  if (raw.crash === true) return { kind: 'crash' };
  const crashLoop = raw.crashLoop;
  if (crashLoop !== undefined)
    return {
      kind: 'crash-loop',
      runsForMs: crashLoop === true || crashLoop.runsFor === undefined ? 0 : ms(crashLoop.runsFor),
    };
  if (raw.crashProxy !== undefined) return { kind: 'crash-proxy', proxy: raw.crashProxy };
  const crashNode = raw.crashNode;
  if (crashNode === true) return { kind: 'crash-node' };
  if (crashNode !== undefined) {
    const effect: FaultEffect = { kind: 'crash-node' };
    if (crashNode.reachable !== undefined) effect.reachable = crashNode.reachable;
    if (crashNode.nodeMonitorGracePeriod !== undefined)
      effect.nodeMonitorGracePeriodMs = ms(crashNode.nodeMonitorGracePeriod);
    return effect;
  }
  if (raw.controlPlaneOutage === true) return { kind: 'control-plane-outage' };
  if (raw.errorRate !== undefined) return { kind: 'error', rate: raw.errorRate };
  const latency = raw.latency;
  if (typeof latency === 'string') {
    const text = latency.trim();
    if (text.startsWith('+'))
      return { kind: 'latency', addMs: { kind: 'constant', value: ms(text.slice(1).trim()) }, multiply: 1 };
    return { kind: 'latency', addMs: null, multiply: Number(text.slice(1).trim()) };
  }
  if (latency === undefined) throw new Error(`faults[${i}]: no effect (the schema should have caught this)`);
  return {
    kind: 'latency',
    addMs: resolveDistribution(latency, ['faults', i, 'latency'], issues),
    multiply: 1,
  };
}

/**
 * `percent` % of `replicas` pods: rounded down, as Kubernetes turns a Deployment's `maxUnavailable` percentage into
 * pods (docs/sources.md#k8s-deployment-max-unavailable), but at least 1 — a fault written on a service is meant to
 * hit a pod (an assumption).
 */
export function podsOfPercent(percent: number, replicas: number): number {
  // percent × replicas first: for percentages of up to two decimals and up to 300 replicas, a whole number of pods
  // never lands a hair below itself in binary (checked exhaustively while writing this).
  return Math.max(1, Math.floor((percent * replicas) / 100));
}

/**
 * The FaultConfig of a schema-valid fault.
 *
 * @param firstService - The service a control-plane outage is filed under: the model's FaultConfig
 *   needs one, and ignores it for outages (they affect the whole mesh).
 * @param replicasOf - The replicas of a service, to resolve a percentage of its pods (undefined: no such service,
 *   which the reference checks report).
 */
export function faultOf(
  raw: RawFault,
  i: number,
  firstService: string,
  replicasOf: (service: string) => number | undefined,
  issues: PathIssue[],
): FaultConfig {
  const service = raw.service ?? firstService;
  const written = raw.instances;
  const percent = typeof written === 'string' && written !== 'all' ? instancesPercent(written) : undefined;
  return {
    atMs: ms(raw.at),
    durationMs: raw.for === undefined ? Infinity : ms(raw.for),
    service,
    instances:
      percent !== undefined
        ? podsOfPercent(percent, replicasOf(service) ?? 1)
        : typeof written === 'number'
          ? written
          : Infinity, // omitted or "all"
    ...(percent !== undefined && { instancesPercent: percent }),
    effect: faultEffectOf(raw, i, issues),
  };
}
