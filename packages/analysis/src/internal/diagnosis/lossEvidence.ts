// Why a traffic source lost calls, from the run's own evidence: the causes of the failed calls on its entry edge,
// the failing calls behind the errors its services answered, and whether the services it reaches were overloaded
// before any trigger (saturated, rejecting, rate-limiting or shedding requests, overflowing a connection pool), and the
// nodes and proxies saturated over the run — what a reason names.

import {
  FAILURE_CAUSES,
  LINKERD_FAILFAST,
  LINKERD_LOAD_SHED,
  LINKERD_OUTBOUND_HTTP_QUEUE,
} from '@meshsim/mesh';
import type { EdgeMetrics, FailureCause, SimulationConfig, SimulationResult } from '@meshsim/mesh';

import type { ResourceSaturation } from '../../diagnosis/Diagnosis.js';
import type { DiagnosisThresholds } from '../../diagnosis/DiagnosisThresholds.js';
import { resourceSaturationText } from '../../diagnosis/resourceSaturationText.js';
import { intervalsIn, meanAt, sumAt } from './intervals.js';
import { count, duration, overTheRun, percent } from './reasonWords.js';

/** Failed calls of one cause. */
export interface CauseCount {
  cause: FailureCause;
  calls: number;
}

/**
 * Requests of an edge its caller's own Linkerd proxy failed, not its destination: the 504s (`gateway-timeout`) of its
 * failfast, for requests that waited 3 s with no ready endpoint (policy counter `linkerd-failfast`), and the 503s
 * (`no-endpoints`) it refused at once while in failfast (`linkerd-load-shed`).
 */
export interface ProxyFailfast {
  /** Requests failed by the failfast (504). */
  failed: number;
  /** Requests refused at once while in failfast or with a full queue (503). */
  refused: number;
}

/** One failing call behind an error a service answered: `api → db` and the causes of its failed calls. */
export interface FailingCall {
  source: string;
  destination: string;
  causes: CauseCount[];
  /** What the caller's Linkerd proxy failed itself on this edge, when it did ({@link ProxyFailfast}). */
  proxyFailfast?: ProxyFailfast;
}

/** A service the source reaches that was overloaded before any trigger. */
export interface OverloadedService {
  service: string;
  /** Mean utilisation before any trigger, in [0, 1]. */
  utilisation: number;
  /** Whether that is at or above `loopUtilisation` (else it only refused requests: rejected, rate-limited or shed). */
  saturated: boolean;
  /** Requests it rejected with 503 (queue full) before any trigger. */
  rejected: number;
  /** Requests its inbound rate limit refused (429) over the run; counted only in a run without triggers, else 0. */
  rateLimited: number;
  /** Requests it shed (load shedding) over the run; counted only in a run without triggers, else 0. */
  shed: number;
}

/** An edge the source reaches whose client-side connection pool overflowed (Envoy's `max_pending_requests`…). */
export interface OverflowingEdge {
  source: string;
  destination: string;
  overflows: number;
}

/**
 * The evidence of one source's losses. The result keeps failure causes, shed requests and pool overflows for the
 * whole run only: the causes are over the run; the overload is before the first trigger (the whole run without
 * one), with sheds and overflows counted only in a run without triggers.
 */
export interface LossEvidence {
  /** Failed calls of the source's entry edge. */
  failed: number;
  /** Its calls still in flight at the end. */
  inFlight: number;
  /** The causes of those failed calls, most first (ties in `FAILURE_CAUSES` order), none with 0 calls. */
  causes: CauseCount[];
  /**
   * What the source's own Linkerd proxy failed itself on its entry edge, when it did ({@link ProxyFailfast}), with
   * the entry service.
   */
  proxyFailfast?: ProxyFailfast & { entry: string };
  /**
   * When the entry service answered errors (`error`, `bad-gateway`, `gateway-timeout`): the failing calls behind
   * them, hop by hop (at each service, its call with the most failed calls), as far as they go; empty otherwise.
   */
  behind: FailingCall[];
  /**
   * The service that answered errors with no failing call of its own behind them (its own 500s), with its
   * configured `errorRate` and, for a service with several versions, the errors of each version that answered any;
   * else null.
   */
  ownErrors: { service: string; errorRate: number; versions: { name: string; errors: number }[] } | null;
  /** Services it reaches with mean utilisation ≥ `loopUtilisation`, or that rejected, rate-limited or shed requests. */
  overloaded: OverloadedService[];
  /** Edges it reaches whose connection pool overflowed (in a run without triggers; else none). */
  overflowing: OverflowingEdge[];
  /**
   * In a run with triggers, the services it reaches that rate-limited (429) or shed requests over the run: counted
   * over the whole run only, they cannot be placed before the first trigger, so they are not `overloaded`, but a
   * reason must not say that nothing refused requests. Empty in a run without triggers (they are in `overloaded`).
   */
  refusedOverRun: { service: string; rateLimited: number; shed: number }[];
  /** Whether the overload was judged before the first trigger (a run with triggers), not over the whole run. */
  beforeTrigger: boolean;
  /**
   * The nodes and proxies saturated over the run (the run's, not only the source's: the result does not say which
   * pods and proxies a source's calls used); null when none was. Overload when it is judged over the whole run (not
   * `beforeTrigger`); else said apart, as over the run. @defaultValue null
   */
  resources?: ResourceSaturation | null;
  /** The busiest service it reaches (highest mean utilisation before any trigger); null when it reaches none. */
  busiest: { service: string; utilisation: number } | null;
}

/** Causes a service answers with when a call it made failed (or when its own application errs: `error`). */
const DEPENDENCY_CAUSES: readonly FailureCause[] = [
  'error',
  'bad-gateway',
  'service-unavailable',
  'gateway-timeout',
];
/** The policy counter of an attempt refused by a full connection pool (policies/policyEvents.ts). */
const POOL_OVERFLOW = 'breaker-overflow';
/** Hops followed behind an error at most. */
const MAX_HOPS = 5;

function causesOf(edge: EdgeMetrics): CauseCount[] {
  return FAILURE_CAUSES.map((cause) => ({ cause, calls: edge.failures[cause] }))
    .filter((c) => c.calls > 0)
    .sort((a, b) => b.calls - a.calls);
}

/** What `edge`'s caller's Linkerd proxy failed itself ({@link ProxyFailfast}), or undefined when it failed none. */
function proxyFailfastOf(edge: EdgeMetrics): ProxyFailfast | undefined {
  const failed = edge.policyEvents[LINKERD_FAILFAST] ?? 0;
  const refused = edge.policyEvents[LINKERD_LOAD_SHED] ?? 0;
  return failed > 0 || refused > 0 ? { failed, refused } : undefined;
}

/**
 * Whether `edge`'s destination answered errors: a dependency cause among its failed calls, the 504s its caller's
 * Linkerd proxy gave itself aside (up to its `linkerd-failfast` count: the counter counts attempts, the causes calls,
 * so a destination's own 504s on an edge whose proxy also failed fast may be taken for the proxy's — an
 * approximation). VPC Lattice's own 504s and 502s (a target that does not answer) have no counter: they read as the
 * destination's.
 */
function destinationAnswersErrors(
  causes: readonly CauseCount[],
  failfast: ProxyFailfast | undefined,
): boolean {
  const proxy504 = failfast?.failed ?? 0;
  return causes.some(
    (c) => DEPENDENCY_CAUSES.includes(c.cause) && (c.cause !== 'gateway-timeout' || c.calls > proxy504),
  );
}

/** The services a source reaches: its entry service and every service called from one it reaches. */
export function reached(result: SimulationResult, entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const e of result.edges) {
      if (e.source === next && e.calls > 0 && !seen.has(e.destination)) {
        seen.add(e.destination);
        queue.push(e.destination);
      }
    }
  }
  return seen;
}

/**
 * The evidence of the losses of the source `name` whose entry service is `to` (see {@link LossEvidence} for the
 * spans); `firstTriggerMs` null without triggers.
 */
export function lossEvidence(
  config: SimulationConfig,
  result: SimulationResult,
  name: string,
  to: string,
  firstTriggerMs: number | null,
  t: DiagnosisThresholds,
  resources: ResourceSaturation | null = null,
): LossEvidence {
  const entry = result.edges.find((e) => e.source === name && e.destination === to);
  const causes = entry === undefined ? [] : causesOf(entry);
  const entryFailfast = entry === undefined ? undefined : proxyFailfastOf(entry);
  const behind: FailingCall[] = [];
  let ownErrors: LossEvidence['ownErrors'] = null;
  if (destinationAnswersErrors(causes, entryFailfast)) {
    const visited = new Set<string>();
    let service = to;
    while (!visited.has(service) && behind.length < MAX_HOPS) {
      visited.add(service);
      const failing = result.edges
        .filter((e) => e.source === service && e.failed > 0)
        .sort((a, b) => b.failed - a.failed)[0];
      if (failing === undefined) {
        const errorRate = config.services.find((s) => s.name === service)?.errorRate ?? 0;
        const versions = result.services.find((s) => s.name === service)?.versions ?? [];
        ownErrors = {
          service,
          errorRate,
          versions:
            versions.length < 2
              ? []
              : versions.filter((v) => v.errors > 0).map((v) => ({ name: v.name, errors: v.errors })),
        };
        break;
      }
      const hop = causesOf(failing);
      const failfast = proxyFailfastOf(failing);
      behind.push({
        source: failing.source,
        destination: failing.destination,
        causes: hop,
        ...(failfast !== undefined && { proxyFailfast: failfast }),
      });
      // The caller's proxy failing requests fast is no error of the destination's: nothing to follow there.
      if (!destinationAnswersErrors(hop, failfast)) break;
      service = failing.destination;
    }
  }
  const names = reached(result, to);
  const untriggered = firstTriggerMs === null;
  // Before the first trigger: the intervals that start before it (every interval without one, or when none does).
  const { startMs } = result.timeSeries;
  let idx = intervalsIn(startMs, 0, firstTriggerMs ?? Infinity);
  const beforeTrigger = !untriggered && idx.length > 0;
  if (idx.length === 0) idx = startMs.map((_, i) => i);
  const totals = new Map(result.services.map((s) => [s.name, s] as const));
  const services = result.timeSeries.services
    .filter((s) => names.has(s.name))
    .map((s) => {
      const utilisation = meanAt(s.utilisation, idx);
      return {
        service: s.name,
        utilisation: Number.isFinite(utilisation) ? utilisation : 0,
        rejected: sumAt(s.rejected, idx),
        rateLimited: untriggered ? (totals.get(s.name)?.rateLimited ?? 0) : 0,
        shed: untriggered ? (totals.get(s.name)?.shed ?? 0) : 0,
      };
    });
  // A rate limit refusing requests is the callee turning load away, as a full queue is (the 429s are the load it
  // would not take): such a service counts, whatever its utilisation.
  const overloaded = services
    .map((s) => ({ ...s, saturated: s.utilisation >= t.loopUtilisation }))
    .filter((s) => s.saturated || s.rejected > 0 || s.rateLimited > 0 || s.shed > 0);
  const overflowing = untriggered
    ? result.edges
        .filter((e) => (e.source === name ? e.destination === to : names.has(e.source)))
        .map((e) => ({
          source: e.source,
          destination: e.destination,
          overflows: e.policyEvents[POOL_OVERFLOW] ?? 0,
        }))
        .filter((e) => e.overflows > 0)
    : [];
  const refusedOverRun = untriggered
    ? []
    : result.services
        .filter((s) => names.has(s.name) && (s.rateLimited > 0 || s.shed > 0))
        .map((s) => ({ service: s.name, rateLimited: s.rateLimited, shed: s.shed }));
  let busiest: LossEvidence['busiest'] = null;
  for (const s of services) {
    if (busiest === null || s.utilisation > busiest.utilisation)
      busiest = { service: s.service, utilisation: s.utilisation };
  }
  return {
    failed: entry?.failed ?? 0,
    inFlight: entry?.inFlight ?? 0,
    causes,
    ...(entryFailfast !== undefined && { proxyFailfast: { ...entryFailfast, entry: to } }),
    behind,
    ownErrors,
    overloaded,
    overflowing,
    refusedOverRun,
    beforeTrigger,
    busiest,
    resources,
  };
}

/** `rejected 4,193, timeout 12`: at most three causes, the rest summed as `other`. */
function causeList(causes: readonly CauseCount[]): string {
  const shown = causes.slice(0, 3).map((c) => `${c.cause} ${count(c.calls)}`);
  const rest = causes.slice(3).reduce((sum, c) => sum + c.calls, 0);
  return rest > 0 ? `${shown.join(', ')}, other ${count(rest)}` : shown.join(', ');
}

/**
 * Whether the evidence shows the load exceeding what the services serve — or what the nodes' CPU and the proxies
 * serve, when the overload is judged over the whole run.
 */
export function loadBound(evidence: LossEvidence): boolean {
  return (
    evidence.overloaded.length > 0 ||
    evidence.overflowing.length > 0 ||
    (!evidence.beforeTrigger && (evidence.resources ?? null) !== null)
  );
}

/** `node … CPU saturated (…)` when nodes or proxies saturated and the overload is judged before the first trigger: said over the run. */
function resourcesOverRun(evidence: LossEvidence): string[] {
  const resources = evidence.resources ?? null;
  return evidence.beforeTrigger && resources !== null ? [resourceSaturationText(resources)] : [];
}

/**
 * The overload the evidence shows, as `frontend saturated (utilisation 98.2 %, 4,193 rejected)`, or `api
 * rate-limiting (utilisation 3.1 %, 2,053 rate-limited (429))` for a service that only its rate limit kept from more
 * load; at most three services and two edges; then the nodes and proxies saturated over the run (`node prod/b/node-1 CPU
 * saturated (99.2 % busy), …`); led by `before the first trigger, ` in a run with triggers, where the nodes and proxies
 * follow apart (`; over the run, …`).
 */
export function describeLoad(evidence: LossEvidence): string {
  const services = evidence.overloaded.slice(0, 3).map((s) => {
    const what = [`utilisation ${percent(s.utilisation)}`];
    if (s.rejected > 0) what.push(`${count(s.rejected)} rejected`);
    if (s.rateLimited > 0) what.push(`${count(s.rateLimited)} rate-limited (429)`);
    if (s.shed > 0) what.push(`${count(s.shed)} shed`);
    const state = s.saturated
      ? 'saturated'
      : s.rejected === 0 && s.shed === 0 && s.rateLimited > 0
        ? 'rate-limiting'
        : 'overloaded';
    return `${s.service} ${state} (${what.join(', ')})`;
  });
  const edges = evidence.overflowing
    .slice(0, 2)
    .map(
      (e) =>
        `${e.source} → ${e.destination} overflowing its connection pool (${count(e.overflows)} overflows)`,
    );
  const saturated = evidence.resources ?? null;
  const resources = !evidence.beforeTrigger && saturated !== null ? [resourceSaturationText(saturated)] : [];
  return (
    (evidence.beforeTrigger ? 'before the first trigger, ' : '') +
    [...services, ...edges, ...resources].join(', ') +
    overTheRun(resourcesOverRun(evidence))
  );
}

/**
 * That the evidence shows no overload: `no service it calls is saturated or rejects requests (busiest: db,
 * utilisation 0.9 %)`; in a run with triggers, what rate-limited or shed requests over the run, which cannot be
 * placed before the first trigger, follows, then the nodes and proxies saturated over the run, in one clause: `…;
 * over the run, api rate-limited 2,053 (429), node prod/b/node-1 CPU saturated (…)`.
 */
export function describeNoLoad(evidence: LossEvidence): string {
  const busiest =
    evidence.busiest === null
      ? ''
      : ` (busiest: ${evidence.busiest.service}, utilisation ${percent(evidence.busiest.utilisation)})`;
  const when = evidence.beforeTrigger ? ' before the first trigger' : '';
  const refused = evidence.refusedOverRun.slice(0, 3).map((s) => {
    const what: string[] = [];
    if (s.rateLimited > 0) what.push(`rate-limited ${count(s.rateLimited)} (429)`);
    if (s.shed > 0) what.push(`shed ${count(s.shed)}`);
    return `${s.service} ${what.join(' and ')}`;
  });
  // One clause for both: what refused requests, then the nodes and proxies saturated.
  const overRun = overTheRun([...refused, ...resourcesOverRun(evidence)]);
  return `no service it calls is saturated or rejects requests${when}${busiest}${overRun}`;
}

/**
 * `(api's Linkerd proxy failed 294 requests fast: no ready endpoint of db for 3 s; then refused 360 at once while in
 * failfast)` for what a caller's Linkerd proxy failed itself on an edge; '' when it failed none.
 */
function failfastText(caller: string, destination: string, failfast: ProxyFailfast | undefined): string {
  if (failfast === undefined) return '';
  const timeout = duration(LINKERD_OUTBOUND_HTTP_QUEUE.failfastMs);
  const parts: string[] = [];
  if (failfast.failed > 0)
    parts.push(
      `${caller} Linkerd proxy failed ${count(failfast.failed)} requests fast: no ready endpoint of ${destination} for ${timeout}`,
    );
  if (failfast.refused > 0)
    parts.push(
      failfast.failed > 0
        ? `then refused ${count(failfast.refused)} at once while in failfast`
        : `${caller} Linkerd proxy refused ${count(failfast.refused)} requests at once: no ready endpoint of ${destination}, in failfast`,
    );
  return ` (${parts.join('; ')})`;
}

/**
 * How the source's calls failed: `failed calls over the run: error 227, behind them api → db: timeout 227`, or
 * `…: error 264, answered by api itself (errorRate 100.0 %)`; with none failed, how many were still in flight.
 */
export function describeFailures(evidence: LossEvidence): string {
  if (evidence.failed === 0) {
    return `none of its calls failed: ${count(evidence.inFlight)} were still in flight at the end`;
  }
  let text = `failed calls over the run: ${causeList(evidence.causes)}`;
  // The entry edge's caller is the source, which the reason names already.
  const entry = evidence.proxyFailfast;
  text += failfastText("the caller's", entry?.entry ?? '', entry);
  if (evidence.behind.length > 0) {
    text += `, behind them ${evidence.behind.map((hop) => `${hop.source} → ${hop.destination}: ${causeList(hop.causes)}${failfastText(`${hop.source}'s`, hop.destination, hop.proxyFailfast)}`).join(', then ')}`;
  }
  const own = evidence.ownErrors;
  if (own !== null) {
    const why: string[] = [];
    if (own.errorRate > 0) why.push(`errorRate ${percent(own.errorRate)}`);
    if (own.versions.length > 0)
      why.push(`errors by version: ${own.versions.map((v) => `${v.name} ${count(v.errors)}`).join(', ')}`);
    text += `, answered by ${own.service} itself` + (why.length === 0 ? '' : ` (${why.join('; ')})`);
  }
  return text;
}
