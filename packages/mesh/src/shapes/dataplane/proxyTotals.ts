// Sums proxies into the result's ProxyTotals: per kind CPU, memory, traversals and an optional monthly
// price. Shared by every data plane so all shapes count resources the same way.

import type { PriceTable } from '../../config/MeshConfig.js';
import type { ProxyKindTotals, ProxyTotals } from '../../config/SimulationResult.js';
import { computeCostPerMonthUsd } from './prices.js';
import type { Proxy } from './Proxy.js';

/** One kind of proxy to account for. */
export interface ProxyGroup {
  /** Name in `byKind`, e.g. `ztunnel`. */
  kind: string;
  proxies: readonly Proxy[];
  /** Endpoints in a proxy's configuration (for its memory). */
  endpointsOf: (proxy: Proxy) => number;
  /**
   * Whether these count in `ProxyTotals.count` (proxies the user deploys). False for managed hops
   * and kernel datapaths; their CPU and memory (if any) still count. @defaultValue true
   */
  countsAsProxy?: boolean;
  /** A monthly price that replaces CPU + memory pricing (managed hops) [USD], given the kind's totals. */
  priceOf?: (totals: ProxyKindTotals, prices: PriceTable) => number;
}

/** The totals of one group over a run of `durationMs`. */
export function kindTotals(
  group: ProxyGroup,
  durationMs: number,
  prices: PriceTable | null,
): ProxyKindTotals {
  let cpuMs = 0;
  let memoryMiB = 0;
  let maxMemoryMiB = 0;
  let queued = 0;
  let traversals = 0;
  let throttledMs = 0;
  let cpuWaitMs = 0;
  let handshakes = 0;
  let requested = 0;
  let memoryRequested = 0;
  for (const proxy of group.proxies) {
    requested += proxy.cpuRequestCores;
    memoryRequested += proxy.memoryRequestMiB;
    cpuMs += proxy.cpuMsAt(durationMs);
    const memory = proxy.memoryMiB(group.endpointsOf(proxy));
    memoryMiB += memory;
    if (memory > maxMemoryMiB) maxMemoryMiB = memory;
    queued += proxy.queued;
    traversals += proxy.traversals;
    throttledMs += proxy.cpu?.throttledMsAt(durationMs) ?? 0;
    cpuWaitMs += proxy.cpu?.cpuWaitMsAt(durationMs) ?? 0;
    handshakes += proxy.handshakes;
  }
  const totals: ProxyKindTotals = {
    kind: group.kind,
    count: group.proxies.length,
    cpuCores: durationMs > 0 ? cpuMs / durationMs : 0,
    memoryMiB,
    queued,
    traversals,
    maxMemoryMiB,
    throttledMs,
    cpuWaitMs,
    handshakes,
  };
  if (requested > 0) totals.cpuRequestedCores = requested;
  if (memoryRequested > 0) totals.memoryRequestedMiB = memoryRequested;
  if (prices !== null) {
    totals.costPerMonthUsd =
      group.priceOf !== undefined
        ? group.priceOf(totals, prices)
        : computeCostPerMonthUsd(prices, totals.cpuCores, totals.memoryMiB);
  }
  return totals;
}

/**
 * The totals of several groups (groups with no proxies are left out), plus `extraKinds` computed
 * elsewhere (counted in CPU, memory and price but not in `count`). `count` sums the groups that count
 * as proxies; `cpuCores`, `memoryMiB` and `costPerMonthUsd` sum everything.
 */
export function sumProxyTotals(
  groups: readonly ProxyGroup[],
  durationMs: number,
  prices: PriceTable | null,
  extraKinds: readonly ProxyKindTotals[] = [],
): ProxyTotals {
  const byKind: ProxyKindTotals[] = [];
  let count = 0;
  let cpuCores = 0;
  let requested = 0;
  let memoryRequested = 0;
  let memoryMiB = 0;
  let cost = 0;
  for (const group of groups) {
    if (group.proxies.length === 0) continue;
    const totals = kindTotals(group, durationMs, prices);
    byKind.push(totals);
    if (group.countsAsProxy !== false) count += totals.count;
    cpuCores += totals.cpuCores;
    requested += totals.cpuRequestedCores ?? 0;
    memoryRequested += totals.memoryRequestedMiB ?? 0;
    memoryMiB += totals.memoryMiB;
    cost += totals.costPerMonthUsd ?? 0;
  }
  for (const totals of extraKinds) {
    byKind.push(totals);
    cpuCores += totals.cpuCores;
    memoryMiB += totals.memoryMiB;
    cost += totals.costPerMonthUsd ?? 0;
  }
  const result: ProxyTotals = { count, cpuCores, memoryMiB, byKind };
  if (requested > 0) result.cpuRequestedCores = requested;
  if (memoryRequested > 0) result.memoryRequestedMiB = memoryRequested;
  if (prices !== null) {
    result.costPerMonthUsd = cost;
    result.priceSource = prices.label;
  }
  return result;
}
