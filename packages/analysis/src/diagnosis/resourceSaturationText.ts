// The saturated nodes and proxies of a diagnosis in words, one rule for the verdicts' reasons and the cascade line:
// `node prod/b/node-1 CPU saturated (99.2 % busy), cilium-envoy saturated (…)`.

import { count, duration, percent } from '../internal/diagnosis/reasonWords.js';
import type { ResourceSaturation, SaturatedProxy } from './Diagnosis.js';

/** A wait summed over tasks, to the tenth of a second: `55.8 s`. */
function seconds(ms: number): string {
  return duration(ms >= 1000 ? Math.round(ms / 100) * 100 : Math.round(ms));
}

function proxyText(proxy: SaturatedProxy): string {
  const what = [`${count(proxy.count)} ${proxy.count === 1 ? 'proxy' : 'proxies'}`];
  if (proxy.workerUtilisation !== null) what.push(`workers ${percent(proxy.workerUtilisation)} busy`);
  if (proxy.queued > 0) {
    const of = proxy.traversals === null || proxy.traversals === 0 ? '' : ` of ${count(proxy.traversals)}`;
    what.push(`${count(proxy.queued)}${of} traversals queued for a worker`);
  }
  if (proxy.cpuWaitMs > 0) {
    const ratio = proxy.cpuMs > 0 ? `, ${(proxy.cpuWaitMs / proxy.cpuMs).toFixed(1)}× the CPU they ran` : '';
    what.push(`waited ${seconds(proxy.cpuWaitMs)} for a core${ratio}`);
  }
  return `${proxy.kind} saturated (${what.join('; ')})`;
}

/**
 * `node prod/b/node-1 CPU saturated (99.2 % busy), cilium-envoy saturated (3 proxies; 186,628 of 1,204,311 traversals
 * queued for a worker; waited 55.8 s for a core, 1.3× the CPU they ran); on every node together, applications
 * waited 34 s and proxies 55.8 s for a core (summed over tasks)`: at most three nodes and three kinds of proxy, the
 * summed waits (those not 0) when a node is named (docs/analysis.md#node-cpu-and-proxies).
 */
export function resourceSaturationText(resources: ResourceSaturation): string {
  const parts = [
    ...resources.nodes
      .slice(0, 3)
      .map((node) => `node ${node.node} CPU saturated (${percent(node.utilisation)} busy)`),
    ...resources.proxies.slice(0, 3).map(proxyText),
  ];
  const who = [
    ...(resources.appCpuWaitMs > 0 ? [`applications waited ${seconds(resources.appCpuWaitMs)}`] : []),
    ...(resources.proxyCpuWaitMs > 0 ? [`proxies ${seconds(resources.proxyCpuWaitMs)}`] : []),
  ];
  const waits =
    resources.nodes.length === 0 || who.length === 0
      ? ''
      : `; on every node together, ${who.join(' and ')} for a core (summed over tasks)`;
  return parts.join(', ') + waits;
}
