// The network-latency assumption of a run: printed only for the localities whose latency is the
// model's default (a guess), never for latencies the scenario set itself.

import { DEFAULT_NETWORK } from './defaults.js';
import type { NetworkConfig } from './SimulationConfig.js';

const LOCALITIES: readonly { key: keyof NetworkConfig; label: string; medianMs: number }[] = [
  { key: 'sameNodeMs', label: 'same node', medianMs: 0.02 },
  { key: 'sameZoneMs', label: 'same zone', medianMs: 0.1 },
  { key: 'crossZoneMs', label: 'cross-zone', medianMs: 0.5 },
  { key: 'crossClusterMs', label: 'cross-cluster', medianMs: 1 },
];

/** The assumption to print for `network`, or null when every locality's latency was set by the scenario. */
export function networkAssumption(network: NetworkConfig): string | null {
  const defaulted = LOCALITIES.filter(
    ({ key }) => JSON.stringify(network[key]) === JSON.stringify(DEFAULT_NETWORK[key]),
  );
  if (defaulted.length === 0) return null;
  const list = defaulted.map(({ label, medianMs }) => `${label} ${medianMs} ms`).join(', ');
  return `Network latency by locality (${list} median, one way) is an assumption, not a measurement.`;
}
