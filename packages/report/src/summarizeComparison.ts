// The side-by-side summary of one scenario run under several mesh shapes (`meshsim compare`):
// success, end-to-end and per-edge added latency vs a baseline, retry amplification, proxy costs, blast radius,
// warnings.

import {
  CASCADE_FIGURES,
  RUN_FIGURES,
  cascadeFigures,
  comparedShapeNotes,
  figureIntervals,
  isRecovered,
  pairedDifferences,
  peakEdgeAttempts,
  runFigures,
} from '@meshsim/analysis';
import type {
  CascadeFigures,
  Diagnosis,
  EdgeAttempts,
  FigureInterval,
  PairedDifference,
  RunFigures,
  Verdict,
} from '@meshsim/analysis';
import { requestsExceedCores, requestsExceedMemory } from '@meshsim/mesh';
import type {
  EdgeMetrics,
  ResolvedProxyProfile,
  RunStopped,
  SimulationConfig,
  SimulationResult,
} from '@meshsim/mesh';
import { maxOf } from '@meshsim/mesh';

import { degradedServiceSeconds } from './internal/blastRadius.js';
import { faultLabel } from './internal/html/faultWindows.js';
import { p99Gap } from './internal/p99Gap.js';
import type { P99Gap } from './internal/p99Gap.js';

/**
 * Added latency of one edge under one shape, vs the baseline shape [ms]. A latency is null when no call on the edge
 * succeeded; an added latency when either side's is, or the baseline has no such edge.
 */
export interface EdgeLatencyDelta {
  source: string;
  destination: string;
  p50Ms: number | null;
  p99Ms: number | null;
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  /**
   * Whether `addedP99Ms` is unstable: this edge's p99 under this shape or the baseline's falls in a gap of its
   * latencies (`p99Gap` of the edge's latency: docs/output-formats.md#unstable-p99); the tables mark it `!`.
   */
  addedP99Unstable: boolean;
}

/** One shape's column of the comparison. */
export interface ShapeSummary {
  shape: string;
  /** Successful ÷ completed calls of the traffic sources, in [0, 1]; null when no call completed. */
  successRate: number | null;
  /** Caller-observed latency of the traffic sources' successful calls, all together [ms]; null when none succeeded. */
  endToEndP50Ms: number | null;
  endToEndP99Ms: number | null;
  /** End-to-end latency added vs the baseline shape [ms]; null when this shape's or the baseline's latency is. */
  addedP50Ms: number | null;
  addedP99Ms: number | null;
  /**
   * When this run's end-to-end p99 is unstable — in a gap of the latencies, its 98.5th and 99.5th percentiles more
   * than twice apart (`P99_GAP_FACTOR`, an assumption: docs/output-formats.md#unstable-p99) — those two percentiles
   * [ms]; else null (and when the result does not have them). The added p99 of this shape, and of every shape when
   * it is the baseline's, then changes by up to the gap from seed to seed: the outputs say so and point to
   * `--replications`.
   */
  p99Gap: P99Gap | null;
  /**
   * The load balancer(s) the shape's called services use — a destination's own, else the mesh's `loadBalancer`:
   * kube-proxy's random pick under `none`, least-request under Envoy, …; several joined by `/`
   * (`effectiveLoadBalancer`). From the comparison's `loadBalancers` when given, else from its `config`; null
   * without either.
   */
  loadBalancer: string | null;
  /**
   * Retries ÷ calls sent over every edge; the application's re-issues (`appRetry`, each a new call through the mesh)
   * count as retries of the calls they repeat, not as calls.
   */
  retryRatio: number;
  /**
   * Retries ÷ calls of the edge whose calls retried most, counted as `retryRatio` (an edge's storm is diluted in
   * `retryRatio` by the edges that do not retry); 0 when no edge retried, null when no edge sent a call.
   */
  worstEdgeRetryRatio: number | null;
  /** That edge (`caller → callee`); null when no edge retried. */
  worstRetryEdge: string | null;
  /** Requests that reached any service ÷ calls the sources sent (work per user request). */
  workPerRequest: number;
  proxies: number;
  proxyCpuCores: number;
  /** CPU the proxies' containers request: node capacity the mesh reserves [cores]. */
  proxyCpuRequestedCores: number;
  /** Memory of all proxies at the end of the run [MiB]: what they use (`RunFigures.proxyMemoryMiB`). */
  proxyMemoryMiB: number;
  /** Memory the proxies' containers request: node memory the mesh reserves [MiB]. */
  proxyMemoryRequestedMiB: number;
  /**
   * The mesh's node agents (`istio-cni`: a DaemonSet pod per node that is no proxy and carries no traffic) whose
   * requests `proxyCpuRequestedCores` and `proxyMemoryRequestedMiB` include, from the result's `proxies.byKind`;
   * absent when it has none. The text, HTML and JSON then say so in a note.
   */
  nodeAgents?: NodeAgentSummary[];
  /**
   * Monthly cost of what the proxies use [USD] (`RunFigures.proxyCostPerMonthUsd`), when the shape's profile has
   * prices; null otherwise.
   */
  costPerMonthUsd: number | null;
  /**
   * Monthly cost of what the mesh's containers request (`proxyCpuRequestedCores`, `proxyMemoryRequestedMiB`) at the
   * same prices [USD]: the capacity reserved, used or not; null without prices.
   */
  requestedCostPerMonthUsd: number | null;
  /** Successful calls of the traffic sources per second of the run [req/s] (closed loop: what the users got through). */
  goodputRps: number;
  /**
   * The blast radius: degraded service-seconds — for each service and interval, the interval's length [s] when more
   * than 1 % of the calls into the service that completed in it failed, added up (`degradedServiceSeconds`). A shape
   * whose success is higher because it failed calls the faults never reached (shedding load early) shows here.
   */
  degradedServiceSeconds: number;
  /**
   * Why the run has no recovery time, when its diagnosis gives none and the verdict did not recover: `not-recovered`
   * (down after its triggers, or while one still lasts), `no-trigger` (down with nothing that triggered it) or
   * `too-short` (no source judged: the run is too short); null otherwise, and absent without a diagnosis.
   */
  noRecovery?: NoRecovery | null;
  /** Mean CPU utilisation of the nodes, in [0, 1]; null when nodes have no size. */
  nodeCpuUtilisation: number | null;
  /** Utilisation of the busiest node, in [0, 1]; null when nodes have no size. */
  maxNodeCpuUtilisation: number | null;
  /** Time containers (applications and proxies) were throttled by their CPU limits, summed [ms]. */
  throttledMs: number;
  /** Time runnable work (applications and proxies) waited for a core on a busy node, summed over tasks [ms]. */
  cpuWaitMs: number;
  /**
   * Nodes whose pods (applications and the mesh's proxies) request more CPU (or memory) than the node has, or that
   * run more pods than its `maxPods` — where Kubernetes would leave pods Pending; null when nodes have no size.
   */
  overRequestedNodes: number | null;
  /**
   * Application pods in the BestEffort QoS class (nothing in them requests CPU): the class that weighs least on a busy
   * node. A mesh whose sidecars request CPU makes them Burstable; null when nodes have no size.
   */
  bestEffortPods: number | null;
  /**
   * Application pods no node had room for, with their sidecars' requests and next to the mesh's per-node proxies:
   * Pending, so never running. A mesh's requests can leave pods Pending that run without it; null when nodes have
   * no size.
   */
  pendingPods: number | null;
  /**
   * How many more nodes of the clusters' own sizes would run every Pending pod: what the mesh's requests cost in
   * nodes; 0 when none is Pending; null when nodes have no size or meshsim cannot say (the run's warnings say why).
   */
  extraNodesNeeded: number | null;
  /** Connections opened (the applications' own and between proxies). */
  connectionsOpened: number;
  /** TLS handshakes completed. */
  tlsHandshakes: number;
  /** CPU of the TLS handshakes at both ends [ms of one core]. */
  handshakeCpuMs: number;
  edges: EdgeLatencyDelta[];
  warnings: string[];
  /** Modelling assumptions behind this shape's figures (the run's own; guesses labelled as such). */
  assumptions: string[];
  /** The proxy profiles the shape's run used (`SimulationResult.scenario.meshProfiles`), when the result has them. */
  meshProfiles?: ResolvedProxyProfile[];
  /** Present when a guard stopped this shape's run early: its figures cover `[0, stopped.atMs]`. */
  stopped?: RunStopped;
  /** The run's verdict, when the comparison was given diagnoses. */
  verdict?: Verdict;
  /** Whether that verdict is lossy (recovers, but loses calls throughout: docs/analysis.md#lossy); with `verdict`. */
  lossy?: boolean;
  /**
   * With `verdict`: the run's recovery, lowest goodput and peak attempts per request during the triggers, as its
   * diagnosis gives them (`cascadeFigures`, docs/analysis.md#cascade-figures).
   */
  cascade?: CascadeFigures;
  /**
   * With `verdict`: the edge whose calls took the most attempts each while the triggers lasted, and how many
   * (`peakEdgeAttempts`, docs/analysis.md#cascade-figures): the storm of one route, which `cascade`'s per-depth
   * `peakAttemptsPerRequest` divides among its depth's other edges; null without triggers.
   */
  peakEdgeAttempts?: EdgeAttempts | null;
}

/** One shape's paired differences against the baseline, figure by figure. */
export interface ShapeDifferences {
  shape: string;
  differences: PairedDifference[];
  /** The same of the cascade figures, when the comparison was given every replication's diagnosis. */
  cascade?: PairedDifference<keyof CascadeFigures>[];
}

/**
 * One shape's headline figures over its replications, each as mean ± 95 % CI with min and max: what
 * `meshsim run --replications N` reports of that shape alone (the same `figureIntervals` of the same figures).
 */
export interface ShapeIntervals {
  shape: string;
  /** One interval per headline figure (`RUN_FIGURES` order); a figure no replication gives is left out. */
  figures: FigureInterval[];
  /**
   * One per cascade figure (`CASCADE_FIGURES` order: recovery, lowest goodput, peak attempts per request and
   * amplification), when the comparison was given every replication's diagnosis; a figure no replication gives is left
   * out (a recovery counts only the replications that recovered).
   */
  cascade?: FigureInterval<keyof CascadeFigures>[];
}

/** What {@link summarizeComparison} may add to the shapes' numbers. */
export interface ComparisonOptions {
  /**
   * One diagnosis per result (same order): adds each shape's verdict and cascade figures (recovery, lowest goodput,
   * peak attempts per request), and the scenario's faults when `config` does not give them.
   */
  diagnoses?: readonly Diagnosis[];
  /**
   * Per result (same order), the headline figures of each replication, replication by replication on the
   * same seeds: adds each shape's figures as mean ± 95 % CI (`intervals`) and paired differences against the
   * baseline with 95 % CIs (`paired`).
   */
  replications?: readonly (readonly RunFigures[])[];
  /**
   * Per result (same order), the diagnosis of each replication, in the order of `replications`: adds the cascade
   * figures (`cascadeFigures`) to each shape's intervals and paired differences. Only with `replications`.
   */
  replicationDiagnoses?: readonly (readonly Diagnosis[])[];
  /**
   * The scenario's config under its own mesh, as loaded (`loadScenario`, `loadScenarioFile`, …; the results being
   * runs of it under each shape, `applyOverrides(config, { mesh })`): adds each shape's load balancer (a row, and a
   * note when it differs from the baseline's) and, to a shape that runs sidecars with the proxy resources the
   * scenario writes for its own mesh, a warning saying so (`comparedShapeNotes`).
   */
  config?: SimulationConfig;
  /**
   * Per result (same order), the load balancer(s) its callers use (e.g. `least-request`): adds a row and a note.
   * Overrides what `config` gives.
   */
  loadBalancers?: readonly string[];
  /**
   * What was changed of the scenario for every run, each as `PATH=VALUE` (`meshsim compare` gives its `--seed`,
   * `--duration` and `--set` as written; the shapes compared are not overrides). @defaultValue none
   */
  overrides?: readonly string[];
}

/** A comparison across shapes. */
export interface ComparisonSummary {
  scenario: string;
  seed: number | string;
  durationMs: number;
  /** What was changed of the scenario for every run, each as `PATH=VALUE`; empty when nothing was. */
  overrides: string[];
  /** The shape the `added*` figures are measured against (`none` when compared, else the first). */
  baseline: string;
  shapes: ShapeSummary[];
  /** Replications per shape, when paired differences were computed. */
  replications?: number;
  /**
   * Every shape's headline figures over its replications as mean ± 95 % CI, in display order (baseline included);
   * present, with `paired`, when the comparison was given the replications' figures.
   */
  intervals?: ShapeIntervals[];
  /** Paired differences of every other shape against the baseline. */
  paired?: ShapeDifferences[];
  /**
   * The traffic sources (by name) and calls (`caller → callee`) that open a connection per request (`keepAlive:
   * false`), from the comparison's `config`; absent without a config or when every one keeps its connections. The
   * text and HTML then note that a mesh's proxies pool those connections.
   */
  keepAliveOff?: string[];
  /**
   * The scenario's faults that start within the run, each in a few words (`latency fault on db`): the first
   * diagnosis's fault triggers, else from the comparison's `config`; absent without either, or when there are none. The text and HTML then note
   * that the added latencies include what the faults did under each shape.
   */
  faults?: string[];
}

/** A kind of node agent of a shape's run: how many, and what they request in all. */
export interface NodeAgentSummary {
  /** Its name in the result's `proxies.byKind` (`istio-cni`). */
  kind: string;
  /** How many (one per node). */
  count: number;
  /** CPU they request, summed [cores]. */
  cpuRequestedCores: number;
  /** Memory they request, summed [MiB]. */
  memoryRequestedMiB: number;
}

/**
 * The node agents among `result`'s proxy kinds: those that request CPU or memory yet use none and carry no traffic
 * (the mesh's DaemonSet pods beside its proxies, reported as a kind of their own).
 */
function nodeAgentsOf(result: SimulationResult): NodeAgentSummary[] {
  return result.proxies.byKind
    .filter(
      (kind) =>
        kind.cpuCores === 0 &&
        kind.memoryMiB === 0 &&
        (kind.traversals ?? 0) === 0 &&
        ((kind.cpuRequestedCores ?? 0) > 0 || (kind.memoryRequestedMiB ?? 0) > 0),
    )
    .map((kind) => ({
      kind: kind.kind,
      count: kind.count,
      cpuRequestedCores: kind.cpuRequestedCores ?? 0,
      memoryRequestedMiB: kind.memoryRequestedMiB ?? 0,
    }));
}

/**
 * Summarises results of the same scenario and seed under different mesh shapes (one result per
 * shape, in display order). Added latencies are measured against `none` if present, else the first.
 * With `options.config` (the scenario's own config) each shape also gets its load balancer and the
 * warning on proxy resources it borrows from the scenario, as `meshsim compare` prints them.
 * Every renderer of the summary says the runs saw the same arrivals and service times (common random numbers), so the
 * results must be runs of one scenario (`scenario.name`) on one seed and duration: a result that differs is refused.
 * @throws {RangeError} if `results` is empty, or a result's scenario name, seed or duration differs from the first's
 *   (the message names the result, its shape and both values), or (with `config`) a result's mesh is not a registered
 *   shape.
 * @example
 * ```ts
 * const config = loadScenario('steady-3tier');
 * const results = ['none', 'linkerd'].map((mesh) => simulate(applyOverrides(config, { mesh })));
 * console.log(renderComparisonText(summarizeComparison(results, { config }))); // with a `load balancer` row
 * ```
 */
/** Why a run has no recovery time (`ShapeSummary.noRecovery`). */
export type NoRecovery = 'not-recovered' | 'no-trigger' | 'too-short';

/** Why `diagnosis` gives no recovery time though its run did not recover; null when it recovered or was not diagnosed. */
function noRecoveryOf(diagnosis: Diagnosis): NoRecovery | null {
  if (isRecovered(diagnosis.verdict) || diagnosis.verdict === 'stopped') return null;
  // Too short: the sources of the run's verdict were not judged (no goodput ratio to measure: the run is too short).
  const worst = diagnosis.sources.filter((s) => s.verdict === diagnosis.verdict);
  if (worst.length > 0 && worst.every((s) => s.referenceRatio === null)) return 'too-short';
  return diagnosis.triggers.length === 0 ? 'no-trigger' : 'not-recovered';
}

export function summarizeComparison(
  results: readonly SimulationResult[],
  options: ComparisonOptions = {},
): ComparisonSummary {
  const first = results[0];
  if (first === undefined) throw new RangeError('summarizeComparison: at least one result is required');
  checkSameRuns(results);
  const baseline = results.find((r) => r.scenario.mesh === 'none') ?? first;
  const baseEdges = new Map(baseline.edges.map((e) => [`${e.source}\u0000${e.destination}`, e] as const));
  const base = runFigures(baseline);

  const shapes = results.map((result, index): ShapeSummary => {
    const diagnosis = options.diagnoses?.[index];
    const verdict = diagnosis?.verdict;
    const lossy = diagnosis?.lossy;
    // What the shape's config says that its result does not carry: its balancer, the proxy resources it borrows.
    const notes =
      options.config === undefined ? null : comparedShapeNotes(options.config, result.scenario.mesh);
    // The headline figures, counted as for replications (one source for the rule).
    const figures = runFigures(result);
    // Calls still waiting at a source with `connections` were offered but not sent. An application's re-issue of a
    // call (`appRetry`) is a new call through the mesh: here it counts as a retry of the call it repeats.
    const appRetries = result.edges.reduce((n, e) => n + (e.policyEvents['app-retries'] ?? 0), 0);
    const retries = result.edges.reduce((n, e) => n + e.retries, 0) + appRetries;
    const calls = result.edges.reduce((n, e) => n + e.calls - e.waitingAtSource, 0) - appRetries;
    const worstEdge = worstRetryEdge(result.edges);
    // Runs a guard stopped at different times cover different spans: their latencies are not compared.
    const comparable = spanMs(result) === spanMs(baseline);
    const nodeAgents = nodeAgentsOf(result);
    const minus = (a: number | null, b: number | null): number | null =>
      comparable ? difference(a, b) : null;
    return {
      shape: result.scenario.mesh,
      successRate: figures.successRatio,
      endToEndP50Ms: figures.endToEndP50Ms,
      endToEndP99Ms: figures.endToEndP99Ms,
      addedP50Ms: minus(figures.endToEndP50Ms, base.endToEndP50Ms),
      addedP99Ms: minus(figures.endToEndP99Ms, base.endToEndP99Ms),
      p99Gap: p99Gap(result.endToEndLatency),
      loadBalancer: options.loadBalancers?.[index] ?? notes?.loadBalancer ?? null,
      retryRatio: calls > 0 ? retries / calls : 0,
      worstEdgeRetryRatio: worstEdge?.ratio ?? null,
      worstRetryEdge: worstEdge === null || worstEdge.ratio === 0 ? null : worstEdge.edge,
      workPerRequest: figures.workPerRequest,
      proxies: result.proxies.count,
      proxyCpuCores: result.proxies.cpuCores,
      proxyCpuRequestedCores: figures.proxyCpuRequestedCores ?? 0,
      proxyMemoryRequestedMiB: figures.proxyMemoryRequestedMiB ?? 0,
      ...(nodeAgents.length > 0 && { nodeAgents }),
      // What the proxies use, as the replications' intervals and paired differences count it.
      proxyMemoryMiB: figures.proxyMemoryMiB ?? result.proxies.memoryMiB,
      costPerMonthUsd: figures.proxyCostPerMonthUsd,
      requestedCostPerMonthUsd: figures.proxyRequestsCostPerMonthUsd,
      goodputRps: figures.goodputRps,
      degradedServiceSeconds: degradedServiceSeconds(result),
      nodeCpuUtilisation: figures.nodeCpuUtilisation,
      maxNodeCpuUtilisation:
        result.nodes.length === 0
          ? null
          : maxOf(
              result.nodes.map((node) => node.utilisation),
              0,
            ),
      throttledMs:
        result.services.reduce((sum, service) => sum + service.cpuThrottledMs, 0) +
        result.proxies.byKind.reduce((sum, kind) => sum + kind.throttledMs, 0),
      cpuWaitMs:
        result.services.reduce((sum, service) => sum + service.cpuWaitMs, 0) +
        result.proxies.byKind.reduce((sum, kind) => sum + kind.cpuWaitMs, 0),
      overRequestedNodes:
        result.nodes.length === 0
          ? null
          : result.nodes.filter(
              (node) =>
                requestsExceedCores(node.cpuRequestedCores, node.cores) ||
                (node.memoryMiB !== null && requestsExceedMemory(node.memoryRequestedMiB, node.memoryMiB)) ||
                node.pods + node.meshNodePods + node.systemPods > node.maxPods,
            ).length,
      bestEffortPods:
        result.nodes.length === 0
          ? null
          : result.services.reduce(
              (sum, service) => sum + (service.podQosClass === 'BestEffort' ? service.instances : 0),
              0,
            ),
      pendingPods: figures.pendingPods,
      extraNodesNeeded: figures.extraNodesNeeded,
      connectionsOpened: result.connections.opened,
      tlsHandshakes: result.connections.tlsHandshakes,
      handshakeCpuMs: result.connections.handshakeCpuMs,
      edges: result.edges.map((edge) => {
        const base = baseEdges.get(`${edge.source}\u0000${edge.destination}`);
        const p50Ms = latencyOf(edge, 'p50Ms');
        const p99Ms = latencyOf(edge, 'p99Ms');
        return {
          source: edge.source,
          destination: edge.destination,
          p50Ms,
          p99Ms,
          addedP50Ms: base === undefined ? null : minus(p50Ms, latencyOf(base, 'p50Ms')),
          addedP99Ms: base === undefined ? null : minus(p99Ms, latencyOf(base, 'p99Ms')),
          addedP99Unstable:
            base !== undefined &&
            result !== baseline &&
            (p99Gap(edge.latency) !== null || p99Gap(base.latency) !== null),
        };
      }),
      warnings: [...result.warnings, ...(notes?.warnings ?? [])],
      assumptions: [...result.assumptions],
      ...(result.scenario.meshProfiles !== undefined && { meshProfiles: result.scenario.meshProfiles }),
      ...(result.stopped !== undefined && { stopped: result.stopped }),
      ...(verdict !== undefined && { verdict }),
      ...(verdict !== undefined && lossy !== undefined && { lossy }),
      ...(diagnosis !== undefined && { cascade: cascadeFigures(diagnosis) }),
      ...(diagnosis !== undefined && { noRecovery: noRecoveryOf(diagnosis) }),
      ...(diagnosis !== undefined && { peakEdgeAttempts: peakEdgeAttempts(result, diagnosis) }),
    };
  });
  const keepAliveOff = options.config === undefined ? [] : withoutKeepAlive(options.config);
  const faults = faultsOf(options, first.scenario.durationMs);
  const summary: ComparisonSummary = {
    scenario: first.scenario.name,
    seed: first.scenario.seed,
    durationMs: first.scenario.durationMs,
    overrides: [...(options.overrides ?? [])],
    baseline: baseline.scenario.mesh,
    shapes,
    ...(keepAliveOff.length > 0 && { keepAliveOff }),
    ...(faults.length > 0 && { faults }),
  };
  const figures = options.replications;
  if (figures !== undefined) {
    const baseIndex = results.indexOf(baseline);
    const base = figures[baseIndex] ?? [];
    summary.replications = base.length;
    // As `run --replications` summarises one configuration's runs (summarizeReplications).
    // The cascade figures of every replication, per shape, when the diagnoses were given.
    const cascades = options.replicationDiagnoses?.map((diagnoses) => diagnoses.map(cascadeFigures));
    const cascadeKeys = CASCADE_FIGURES.map((f) => f.key);
    const baseCascades = cascades?.[baseIndex] ?? [];
    summary.intervals = results.map((result, index) => ({
      shape: result.scenario.mesh,
      figures: figureIntervals(
        figures[index] ?? [],
        RUN_FIGURES.map((f) => f.key),
      ),
      ...(cascades !== undefined && { cascade: figureIntervals(cascades[index] ?? [], cascadeKeys) }),
    }));
    summary.paired = results.flatMap((result, index) =>
      index === baseIndex
        ? []
        : [
            {
              shape: result.scenario.mesh,
              differences: pairedDifferences(
                base,
                figures[index] ?? [],
                RUN_FIGURES.map((f) => f.key),
              ),
              ...(cascades !== undefined && {
                cascade: pairedDifferences(baseCascades, cascades[index] ?? [], cascadeKeys),
              }),
            },
          ],
    );
  }
  return summary;
}

/** The fields of a result's scenario that make two runs see the same arrivals, as the comparison says they do. */
const SAME_RUN_FIELDS = [
  { key: 'name', label: 'scenario' },
  { key: 'seed', label: 'seed' },
  { key: 'durationMs', label: 'durationMs' },
] as const;

/**
 * Throws naming the first result whose scenario name, seed or duration differs from the first result's: the
 * comparison's renderers say every run saw the same arrivals and service times, true only of one scenario's runs on
 * one seed and duration.
 */
function checkSameRuns(results: readonly SimulationResult[]): void {
  const [first, ...others] = results;
  if (first === undefined) return;
  for (const [offset, result] of others.entries()) {
    for (const { key, label } of SAME_RUN_FIELDS) {
      const expected = first.scenario[key];
      const got = result.scenario[key];
      if (got === expected) continue;
      throw new RangeError(
        `summarizeComparison: results[${String(offset + 1)}] (mesh ${JSON.stringify(result.scenario.mesh)}) has ` +
          `${label} ${JSON.stringify(got)} but results[0] (mesh ${JSON.stringify(first.scenario.mesh)}) has ` +
          `${JSON.stringify(expected)}: a comparison is of one scenario's runs on one seed and duration (the same ` +
          'arrivals and service times under every shape); run each shape with applyOverrides(config, { mesh })',
      );
    }
  }
}

/** The traffic sources (their names) and calls (`caller → callee`, each once) of `config` with `keepAlive: false`. */
function withoutKeepAlive(config: SimulationConfig): string[] {
  const sources = config.traffic.filter((source) => source.keepAlive === false).map((source) => source.name);
  const calls = config.services.flatMap((service) =>
    service.calls
      .flat()
      .flatMap((call) => (call.keepAlive === false ? [`${service.name} → ${call.to}`] : [])),
  );
  return [...new Set([...sources, ...calls])];
}

/**
 * The scenario's faults in a few words: the first diagnosis's fault triggers (`latency fault on db`, as `run` names
 * them; the same scenario under every shape), else those of `config` that start before the run ends, as the HTML
 * report labels their windows; empty when neither gives any.
 */
function faultsOf(options: ComparisonOptions, durationMs: number): string[] {
  const diagnosis = options.diagnoses?.[0];
  if (diagnosis !== undefined) {
    return diagnosis.triggers.filter((t) => t.kind === 'fault').map((t) => t.description);
  }
  return (options.config?.faults ?? []).filter((f) => f.atMs < durationMs).map(faultLabel);
}

/**
 * The edge with the most retries per call, each counted as the shape's `retryRatio` counts them (an application's
 * re-issue is a retry of the call it repeats); the first in the result's order wins a tie; null when no edge sent a
 * call.
 */
function worstRetryEdge(edges: readonly EdgeMetrics[]): { edge: string; ratio: number } | null {
  let worst: { edge: string; ratio: number } | null = null;
  for (const e of edges) {
    const appRetries = e.policyEvents['app-retries'] ?? 0;
    const calls = e.calls - e.waitingAtSource - appRetries;
    if (calls <= 0) continue;
    const ratio = (e.retries + appRetries) / calls;
    if (worst === null || ratio > worst.ratio) worst = { edge: `${e.source} → ${e.destination}`, ratio };
  }
  return worst;
}

/** An edge's latency percentile [ms], or null when no call on it succeeded (its histogram is empty). */
function latencyOf(edge: EdgeMetrics, key: 'p50Ms' | 'p99Ms'): number | null {
  return edge.latency.count > 0 ? edge.latency[key] : null;
}

/** `a − b`, or null when either is missing. */
function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

/** The simulated time a run covers [ms]: to where a guard stopped it, else its duration. */
function spanMs(result: SimulationResult): number {
  return result.stopped?.atMs ?? result.scenario.durationMs;
}
