// The headline figures of one run — what replications average with confidence intervals, compare pairs
// across shapes, and the results store keeps per run.

import type { EdgeMetrics, SimulationResult } from '@meshsim/mesh';

/** Headline figures of one run (units in the names). */
export interface RunFigures {
  /** Successful ÷ completed calls of the traffic sources, in [0, 1]; null when no call completed (never 100 %). */
  successRatio: number | null;
  /**
   * Successful calls of the traffic sources per simulated second [req/s]: over the configured duration, or over the
   * simulated time reached (`stopped.atMs`) when a guard stopped the run early; 0 when no time was simulated.
   */
  goodputRps: number;
  /**
   * p50 / p99 latency of the traffic sources' successful calls, all sources together [ms] (`endToEndLatency`; for a
   * result without it, the calls-weighted mean of each source's); null when no call succeeded (no latency to report:
   * never 0).
   */
  endToEndP50Ms: number | null;
  endToEndP99Ms: number | null;
  /** Attempts (first tries + retries) ÷ calls sent over every edge (not those still waiting at a source). */
  attemptsPerCall: number;
  /** Requests that reached any service ÷ calls the traffic sources sent. */
  workPerRequest: number;
  /** Mean CPU of the mesh's proxies [cores]. */
  proxyCpuCores: number;
  /*
   * The figures below are null in a run read back from a results store written before meshsim recorded them: the
   * first release's (a sweep does not reuse such a run: its key lacks the model revision), and for `proxyMemoryMiB`
   * and `proxyCostPerMonthUsd` any store written before they were kept (a sweep reuses such a run of the same model
   * revision: its intervals leave the null out). The node figures are null too when the nodes have no size.
   */
  /** CPU the proxies' containers request: node capacity the mesh reserves [cores]. */
  proxyCpuRequestedCores: number | null;
  /**
   * Memory of all the mesh's proxies at the end of the run [MiB] (`proxies.memoryMiB`: each one's base, configuration
   * and pooled connections; 0 with no proxies): what the proxies use, where `proxyMemoryRequestedMiB` is what they
   * reserve. Null only when read back from a store written before it was kept.
   */
  proxyMemoryMiB: number | null;
  /** Memory the proxies' containers request: node memory the mesh reserves [MiB]. */
  proxyMemoryRequestedMiB: number | null;
  /** Mean CPU utilisation of the nodes, in [0, 1]; null when nodes have no size. */
  nodeCpuUtilisation: number | null;
  /** Application pods no node had room for (Pending, never running); null when nodes have no size. */
  pendingPods: number | null;
  /**
   * More nodes that would run every Pending pod — of a node pool's size for the pods bound to it, else of the
   * cluster's own (0 when none is Pending); null when nodes have no size or meshsim cannot say (the warnings say why).
   */
  extraNodesNeeded: number | null;
  /**
   * What the proxies use (`proxyCpuCores`, `proxyMemoryMiB`) costs a 730-hour month at the run's prices [USD]
   * (`proxies.costPerMonthUsd`; 0 with no proxies); null without prices, and when read back from a store written
   * before it was kept.
   */
  proxyCostPerMonthUsd: number | null;
  /**
   * What the proxies' requests (`proxyCpuRequestedCores`, `proxyMemoryRequestedMiB`) cost a 730-hour month at the run's
   * prices [USD]; null without prices.
   */
  proxyRequestsCostPerMonthUsd: number | null;
}

/** How a figure reads in tables (a headline figure's by default; `FigureInfo<keyof CascadeFigures>`: a cascade figure's). */
export interface FigureInfo<K extends string = keyof RunFigures> {
  key: K;
  /** Text header with its unit. */
  header: string;
  /** Decimal places in text. */
  decimals: number;
  /** Factor applied for display (1; 100 for a ratio shown in %). */
  scale: number;
}

/** The figures, in display order. */
export const RUN_FIGURES: readonly FigureInfo[] = [
  { key: 'successRatio', header: 'success (%)', decimals: 2, scale: 100 },
  { key: 'goodputRps', header: 'goodput (req/s)', decimals: 1, scale: 1 },
  { key: 'endToEndP50Ms', header: 'end-to-end p50 (ms)', decimals: 2, scale: 1 },
  { key: 'endToEndP99Ms', header: 'end-to-end p99 (ms)', decimals: 2, scale: 1 },
  { key: 'attemptsPerCall', header: 'attempts per call', decimals: 3, scale: 1 },
  { key: 'workPerRequest', header: 'work per request (server calls)', decimals: 2, scale: 1 },
  { key: 'proxyCpuCores', header: 'proxy CPU (cores)', decimals: 3, scale: 1 },
  { key: 'proxyCpuRequestedCores', header: 'proxy CPU requested (cores)', decimals: 3, scale: 1 },
  // Tenths of a MiB, as compare's shape table prints proxy memory.
  { key: 'proxyMemoryMiB', header: 'proxy memory (MiB)', decimals: 1, scale: 1 },
  { key: 'proxyMemoryRequestedMiB', header: 'proxy memory requested (MiB)', decimals: 0, scale: 1 },
  { key: 'nodeCpuUtilisation', header: 'node CPU (%)', decimals: 1, scale: 100 },
  { key: 'pendingPods', header: 'Pending app pods', decimals: 1, scale: 1 },
  { key: 'extraNodesNeeded', header: 'extra nodes needed', decimals: 1, scale: 1 },
  { key: 'proxyCostPerMonthUsd', header: 'proxy cost (USD/month)', decimals: 2, scale: 1 },
  { key: 'proxyRequestsCostPerMonthUsd', header: 'proxy requests cost (USD/month)', decimals: 2, scale: 1 },
];

/** The traffic sources' entry edges: edges whose caller is not a service. */
export function sourceEdges(result: SimulationResult): EdgeMetrics[] {
  const services = new Set(result.services.map((s) => s.name));
  return result.edges.filter((edge) => !services.has(edge.source));
}

/** The headline figures of `result`. */
export function runFigures(result: SimulationResult): RunFigures {
  const sources = sourceEdges(result);
  const succeeded = sources.reduce((n, e) => n + e.succeeded, 0);
  const completed = sources.reduce((n, e) => n + e.succeeded + e.failed, 0);
  const weight = sources.reduce((n, e) => n + e.latency.count, 0);
  const weighted = (pick: (e: EdgeMetrics) => number): number | null =>
    weight > 0 ? sources.reduce((n, e) => n + pick(e) * e.latency.count, 0) / weight : null;
  const endToEnd = result.endToEndLatency;
  const percentile = (ms: number): number | null =>
    endToEnd !== undefined && endToEnd.count > 0 ? ms : null;
  // Calls still waiting at a source with `connections` are offered but not sent: no attempt, no work yet.
  const calls = result.edges.reduce((n, e) => n + e.calls - e.waitingAtSource, 0);
  const sent = sources.reduce((n, e) => n + e.calls - e.waitingAtSource, 0);
  const attempts = result.edges.reduce((n, e) => n + e.attempts, 0);
  const arrived = result.services.reduce((n, s) => n + s.arrived, 0);
  // Nodes are listed only when they have a size (a CPU count).
  const sized = result.nodes.length > 0;
  // The span the counts cover: the configured duration, or where a guard stopped the run.
  const simulatedMs = result.stopped?.atMs ?? result.scenario.durationMs;
  return {
    successRatio: completed > 0 ? succeeded / completed : null,
    goodputRps: simulatedMs > 0 ? succeeded / (simulatedMs / 1000) : 0,
    endToEndP50Ms: endToEnd === undefined ? weighted((e) => e.latency.p50Ms) : percentile(endToEnd.p50Ms),
    endToEndP99Ms: endToEnd === undefined ? weighted((e) => e.latency.p99Ms) : percentile(endToEnd.p99Ms),
    attemptsPerCall: calls > 0 ? attempts / calls : 0,
    workPerRequest: sent > 0 ? arrived / sent : 0,
    proxyCpuCores: result.proxies.cpuCores,
    proxyCpuRequestedCores: result.proxies.cpuRequestedCores ?? 0,
    proxyMemoryMiB: result.proxies.memoryMiB,
    proxyMemoryRequestedMiB: result.proxies.memoryRequestedMiB ?? 0,
    nodeCpuUtilisation: sized
      ? result.nodes.reduce((n, node) => n + node.utilisation, 0) / result.nodes.length
      : null,
    pendingPods: sized ? result.services.reduce((n, service) => n + service.pendingPods, 0) : null,
    extraNodesNeeded: sized ? result.extraNodesNeeded : null,
    proxyCostPerMonthUsd: result.proxies.costPerMonthUsd ?? null,
    // Priced when the run has prices (its proxy cost is set), 0 when nothing is requested (a result of an older
    // meshsim left the requested cost out then).
    proxyRequestsCostPerMonthUsd:
      result.proxies.requestedCostPerMonthUsd ?? (result.proxies.costPerMonthUsd === undefined ? null : 0),
  };
}
