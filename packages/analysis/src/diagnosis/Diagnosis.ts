// The diagnosis of one run: its verdict (stable, recovered, metastable, …), the triggers it found, the
// loop that kept the load above capacity, the work amplification per call depth and how the cascade spread —
// or, for a run a guard stopped early, that it was not diagnosed.

import type { NodeCrashRecord, RunStopReason } from '@meshsim/mesh';

/**
 * What happened to goodput (successful calls ÷ offered calls of a traffic source), per
 * docs/analysis.md#verdicts:
 *
 * - `stable` — every window stayed within the band (≥ 95 % of the reference goodput ratio);
 * - `degraded-recovered` — left the band and came back for good; `recoveryMs` says when;
 * - `metastable` — still below the band at the end of the run, ≥ 10 s after the last trigger ended;
 * - `unresolved` — still below the band at the end, but the last trigger ended less than 10 s before it, or the
 *   triggers still active are crash loops whose pods come back only after the end (their fault ended); or a run
 *   too short to judge (shorter than one window, no call completed, or less than a window left after the warm-up);
 * - `degraded` — below the band at the end with no trigger that ended (none, or one lasting to the end),
 *   or already below 50 % before any trigger, or its calls pile up (calls in flight growing through the run: the load
 *   exceeds what the system serves, whatever goodput does);
 * - `stopped` — a guard stopped the run early (docs/cli.md#guards-and-exit-code-3): not diagnosed, since a verdict
 *   needs the whole run. Only a run's verdict; a source's is never `stopped`.
 */
export type Verdict = 'stable' | 'degraded-recovered' | 'metastable' | 'unresolved' | 'degraded' | 'stopped';

/** The verdict of a traffic source: every verdict but `stopped` (a stopped run has no source verdicts). */
export type SourceVerdict = Exclude<Verdict, 'stopped'>;

/**
 * Every verdict, from the mildest to the most severe (a run's verdict is its sources' most severe), then `stopped`
 * (not diagnosed: neither recovered nor not).
 */
export const VERDICTS: readonly Verdict[] = [
  'stable',
  'degraded-recovered',
  'unresolved',
  'degraded',
  'metastable',
  'stopped',
];

/** Whether a verdict means the run recovers (`stable` or `degraded-recovered`; `stopped` does not say). */
export function isRecovered(verdict: Verdict): boolean {
  return verdict === 'stable' || verdict === 'degraded-recovered';
}

/**
 * Something that pushed the system: a scheduled fault, or a traffic source above its base rate (its final rate; for a
 * schedule ending at 0, its lowest non-zero rate) — unless the source's schedule is its normal load
 * (`loadTrigger: false`).
 */
export interface Trigger {
  kind: 'fault' | 'load';
  /**
   * E.g. `latency fault on checkout`, `client above 500 req/s`; a `crash-node` fault also says what its nodes took
   * down: `crash-node fault on checkout (1 instance): node node-3 down with checkout 1 of 2 pods, frontend 1 of 3 pods`.
   */
  description: string;
  /**
   * The trigger as the first link of the cascade: what it did, to what — `orders-db slowed (+2 s latency fault)`,
   * `api erroring (25 % error fault)`, `checkout crashed (crash fault, 1 instance)`, `client above 500 req/s (load
   * spike)` (docs/analysis.md#sustaining-loop-amplification-and-cascade).
   */
  origin: string;
  startMs: number;
  /**
   * When it ended [ms]; `Infinity` when it lasts to the end (a fault `for: forever`). For a `crashLoop` fault, when
   * its containers come back: their first start at or after the fault's end, on the kubelet's backoff (up to 300 s
   * later; may be after the run's end).
   */
  endMs: number;
  /** For a `crash-node` fault that started: what it took down (the result's `nodeCrashes` entry). */
  nodeCrash?: NodeCrashRecord;
  /** For a `crashLoop` fault whose containers come back after it ends (`endMs`): the fault's end [ms]. */
  faultEndMs?: number;
}

/** The verdict of one traffic source. */
export interface SourceDiagnosis {
  /** Traffic source name (the caller of its entry edge). */
  source: string;
  /** Its entry service. */
  to: string;
  verdict: SourceVerdict;
  /*
   * Goodput ratios are successful ÷ offered calls pooled over intervals, capped at 1 (a backlog completing can
   * outnumber the calls offered). They are null when the source offered no call at all (`rate: 0`), or the run was
   * too short to judge (`unresolved` for that reason): there is no goodput to measure, not 100 % of it.
   */
  /** Goodput ratio the band is measured against: the pre-trigger level after the warm-up (see docs/analysis.md). */
  referenceRatio: number | null;
  /** Lowest goodput ratio of any window. */
  minRatio: number | null;
  /** Goodput ratio of the last window. */
  finalRatio: number | null;
  /**
   * When goodput fell out of the band [ms]: the start of the first interval of the first window below the band from
   * which goodput, pooled up to each later interval of that window, stays below it (for a source `degraded` before any
   * trigger, the start of its reference); null when stable or not judged.
   */
  degradedAtMs: number | null;
  /**
   * When goodput was back within the band for good [ms]: the start of the first interval, after the start of the last
   * window below the band, from which goodput pooled up to every later interval of the run is within the band; null
   * unless `degraded-recovered`.
   */
  recoveredAtMs: number | null;
  /**
   * `recoveredAtMs` − end of the last trigger [ms] (negative: back while the last trigger was still active; without
   * triggers, `recoveredAtMs`); null unless `degraded-recovered`, and null when a trigger never ends.
   */
  recoveryMs: number | null;
  /** Run end − end of the last trigger, when still below the band at the end [ms]; else null. */
  stillDownMs: number | null;
  /**
   * A qualifier of the recovered verdicts: true when the source is `stable` or `degraded-recovered` but its reference
   * goodput ratio is below `lossyRatio` (95 %) — it loses calls throughout, at the level it stays at or returns to
   * (docs/analysis.md#lossy). False for every other verdict (they already say the source did not recover).
   */
  lossy: boolean;
  /**
   * When its calls pile up (its calls in flight grow through the second half of the run: the load exceeds what the
   * system serves, docs/analysis.md#calls-piling-up), how they grew; else null. A source whose calls pile up is never
   * `stable` or `degraded-recovered`: it is `degraded`.
   */
  backlog: BacklogGrowth | null;
  /**
   * One sentence saying why: for a source down before any trigger, a `lossy` one, or one down with no trigger, how its
   * calls failed and whether the services it reaches were overloaded (docs/analysis.md#why-calls-failed); for one
   * whose calls pile up, how they grew and the services saturated meanwhile.
   */
  reason: string;
}

/** A saturated service while a source's calls piled up. */
export interface BacklogService {
  service: string;
  /** Its mean utilisation over the span, in [0, 1] (at or above `loopUtilisation`). */
  utilisation: number;
  /** Its waiting requests (all instances) at the span's start and at the end of the run. */
  waitingFrom: number;
  waitingAtEnd: number;
}

/**
 * A service the source reaches whose containers were throttled by their CPU limit over the run (whole-run figures: the
 * result keeps throttled time per run only): where calls can wait though no service is saturated.
 */
export interface BacklogThrottle {
  service: string;
  /** Its application containers' throttled time, summed over them [ms]. */
  appThrottledMs: number;
  /** Its pods' sidecars' throttled time, summed over them [ms]. */
  sidecarThrottledMs: number;
}

/**
 * How a source's calls piled up (docs/analysis.md#calls-piling-up), measured over the second half of the judged run
 * (at least one window): its calls in flight grew by `growthRatio` of the calls it offered meanwhile.
 */
export interface BacklogGrowth {
  /** Start of the span the growth was measured over [ms]. */
  fromMs: number;
  /** Its calls in flight (offered, not yet completed) at the span's start. */
  inFlightFrom: number;
  /** Its calls in flight at the end of the run. */
  inFlightAtEnd: number;
  /** Calls it offered over the span. */
  offered: number;
  /**
   * (inFlightAtEnd − inFlightFrom) ÷ offered: the share of the calls offered over the span that piled up; for an
   * open-loop source whose scheduled rate changed over the span, (inFlightAtEnd − inFlightFrom × the ratio of its
   * rates) ÷ offered: the growth its rate does not explain (Little's law).
   */
  growthRatio: number;
  /** Since when they grow for good: the start of the interval where its calls in flight were last at their lowest since the warm-up [ms]. */
  sinceMs: number;
  /** The services it reaches that were saturated over the span (mean utilisation ≥ `loopUtilisation`), busiest first. */
  saturated: BacklogService[];
  /** Of its calls in flight at the end, those still waiting for a connection at the source (`connections`); else 0. */
  waitingAtSource: number;
  /** The services it reaches that were throttled by a CPU limit over the run, most throttled first. */
  throttled: BacklogThrottle[];
}

/** What kept one edge in the sustaining loop. */
export type LoopMechanism = 'retries' | 'timeouts' | 'queue';

/** One edge of the sustaining loop, measured over the analysis window. */
export interface LoopEdge {
  source: string;
  destination: string;
  /** Call depth of the edge (1: a traffic source's entry edge). */
  depth: number;
  mechanisms: LoopMechanism[];
  /** Attempts (first tries + retries) per call on this edge. */
  attemptsPerCall: number;
  /** Attempts per second on this edge [req/s]. */
  attemptsRps: number;
  /** Mean utilisation of the callee, in [0, 1]. */
  calleeUtilisation: number;
  /** Mean waiting requests of the callee over all its instances. */
  calleeQueueLength: number;
}

/** The sustaining effect: the edges whose retries, timeouts or queues kept the load above capacity. */
export interface SustainingLoop {
  /** The window it was measured over: after the last trigger ended (or since the first began) [ms]. */
  fromMs: number;
  toMs: number;
  /** Services at or above the saturation threshold (mean utilisation ≥ 90 %) in the window. */
  saturated: string[];
  edges: LoopEdge[];
  /** Requests finished after their caller gave up ÷ requests completed, per saturated service, over the run. */
  wastedShare: Record<string, number>;
  /** One sentence naming the loop. */
  summary: string;
}

/** Attempts per offered request at one call depth, before the first trigger, during the triggers and after them. */
export interface DepthAmplification {
  /** 1: the traffic sources' entry edges; 2: the calls those services make; … */
  depth: number;
  /** Edges at this depth (`caller → callee`). */
  edges: string[];
  /**
   * Attempts at this depth per request offered by the sources, in the reference window; null when no request was
   * offered in it (a trigger at 0 s leaves no time before it).
   */
  baseline: number | null;
  /**
   * The same during the triggers: from the first trigger to the end of the last (or to the run's end when one lasts
   * that long) — where a retry storm peaks; null when nothing triggered, or no request was offered meanwhile.
   */
  during: number | null;
  /** during ÷ baseline; null when either is null or the baseline is 0. */
  duringRatio: number | null;
  /**
   * The same after the last trigger ended (over the whole run without triggers); null when no trigger ended before
   * the end of the run (no time after them: their span is `during`'s), or no request was offered after them.
   */
  window: number | null;
  /** window ÷ baseline; null when either is null or the baseline is 0. */
  ratio: number | null;
}

/** One service joining the cascade. */
export interface CascadeStep {
  service: string;
  /** Start of the first interval in which it failed [ms]. */
  atMs: number;
  /** Its call depth (1: an entry service). */
  depth: number;
  /**
   * `saturated`: utilisation ≥ 95 % averaged over 5 s from `atMs`; `failing`: ≥ 10 points more of the calls to it
   * failed than before.
   */
  signal: 'saturated' | 'failing';
  /**
   * Present when the service lost pods to a node crash active at `atMs` (a `crash-node` trigger that started by then
   * and had not ended): its calls failed because its pods went down with their node, not because it was the failure's
   * origin. Its pods lost, its pods in all, and the crashed nodes.
   */
  lostPods?: { pods: number; of: number; nodes: string[] };
}

/** A service saturated before the first trigger: the state the triggers found, not a step of the cascade. */
export interface SaturatedService {
  service: string;
  /** Its mean utilisation before the first trigger, in [0, 1]. */
  utilisation: number;
}

/** A node whose CPU was saturated over the run (docs/analysis.md#node-cpu-and-proxies). */
export interface SaturatedNode {
  /** The node's name, `prod/b/node-1` (cluster/zone/node). */
  node: string;
  cores: number;
  /** Mean fraction of its cores busy over the run, in [0, 1] (at or above `nodeCpuUtilisation`). */
  utilisation: number;
}

/**
 * A kind of proxy saturated over the run (docs/analysis.md#node-cpu-and-proxies): its workers busy (mean use of its
 * workers ≥ `loopUtilisation`) or its containers starved of CPU (they waited for a core ≥ `proxyCpuWaitRatio` × the
 * time they ran).
 */
export interface SaturatedProxy {
  /** Its kind in `result.proxies.byKind` (`cilium-envoy`, `ztunnel`, `envoy-sidecar`, …). */
  kind: string;
  /** Proxies of that kind. */
  count: number;
  /** Traversals that had to wait for a worker, summed over them. */
  queued: number;
  /** Traversals, summed over them; null when the result does not say. */
  traversals: number | null;
  /** CPU they ran, summed [ms of one core]. */
  cpuMs: number;
  /** Time their runnable work waited for a core on a busy node, summed over tasks [ms]. */
  cpuWaitMs: number;
  /** Mean use of their workers (CPU ÷ (proxies × workers)), in [0, 1]; null when the profile's workers are unlimited or unknown. */
  workerUtilisation: number | null;
}

/**
 * The nodes and proxies saturated over the run: where calls wait though no service is busy. The result keeps node CPU
 * and proxy figures for the whole run only, so they are not placed in time (no cascade step of their own).
 */
export interface ResourceSaturation {
  /** Saturated nodes, busiest first. */
  nodes: SaturatedNode[];
  /** Saturated proxy kinds, the longest CPU wait first. */
  proxies: SaturatedProxy[];
  /** Time the application containers waited for a core, summed over their tasks on every node [ms]. */
  appCpuWaitMs: number;
  /** Time the proxies waited for a core, summed over their tasks on every node [ms]. */
  proxyCpuWaitMs: number;
}

/** Why and when a guard stopped a run early (the simulation's `RunStopped`, reduced to plain data). */
export interface DiagnosisStop {
  reason: RunStopReason;
  /** Simulated time reached [ms]. */
  atMs: number;
}

/** Everything {@link diagnose} found in a run. */
export interface Diagnosis {
  /** The most severe of the sources' verdicts (`stable` with no source); `stopped` when a guard stopped the run. */
  verdict: Verdict;
  /**
   * The run's verdict is `stable` or `degraded-recovered` and some source is `lossy` (loses calls throughout):
   * shown as `stable (lossy)`; the verdict itself keeps its meaning.
   */
  lossy: boolean;
  /** One sentence for the run. */
  reason: string;
  /**
   * Present when a guard stopped the run early: then `verdict` is `stopped`, `sources` is empty and `loop` null
   * (not diagnosed); triggers, amplification and cascade cover the simulated time reached.
   */
  stopped?: DiagnosisStop;
  triggers: Trigger[];
  /** End of the last trigger [ms]; null without triggers, `Infinity` when one never ends. */
  lastTriggerEndMs: number | null;
  /** The longest recovery of a `degraded-recovered` source [ms]; null when none. */
  recoveryMs: number | null;
  /** How long the run stayed down after the last trigger, when it did [ms]; else null. */
  stillDownMs: number | null;
  sources: SourceDiagnosis[];
  /** Null when every source recovered (or was never hurt). */
  loop: SustainingLoop | null;
  amplification: DepthAmplification[];
  /**
   * Services in the order they failed (time, then deepest first); empty when none did. With triggers, from the first
   * trigger on; without, from the start of the run (a service saturated from the start is a step at 0).
   */
  cascade: CascadeStep[];
  /**
   * With triggers, the services already saturated before the first one (mean utilisation ≥ `cascadeUtilisation`
   * over the reference window), busiest first: not cascade steps; empty without triggers.
   */
  saturatedBeforeTrigger: SaturatedService[];
  /**
   * Present only when some node's CPU or some kind of proxy was saturated over the run (docs/analysis.md#node-cpu-and-proxies):
   * what the reasons and the cascade line name beside the services.
   */
  resources?: ResourceSaturation;
}
