// Traffic sources, outside the mesh or (`from`) in a service's pod: open-loop (Poisson or constant arrivals
// on a rate schedule) and closed-loop users (send, wait for the outcome, think, repeat). Each source is a
// caller named on its edge.

import { createSampler } from '@meshsim/engine';
import type { Random, Sampler } from '@meshsim/engine';
import { Call } from '../call/Call.js';
import { FreeList } from '../ports/FreeList.js';
import type { CallParent } from '../server/CallParent.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { ClosedTrafficConfig, OpenTrafficConfig, TrafficConfig } from '../config/SimulationConfig.js';
import type { CallPolicy } from '../config/CallPolicy.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { UpstreamClient } from '../call/UpstreamClient.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { createUpstreamClient } from './createUpstreamClient.js';
import { groupThousands } from '../config/groupThousands.js';
import { RateSchedule } from './RateSchedule.js';
import { ConnectionSlots } from './ConnectionSlots.js';
import type { SlotWaiter } from './ConnectionSlots.js';
import type { TrafficContext } from './TrafficContext.js';

/** A traffic source: started once, it generates calls until the end of the run. */
export interface TrafficSource {
  /** The source as a caller: its name on edges, and its node and pod when it runs in one (`from`). */
  readonly caller: CallerRef;
  /** Schedules the source's first calls. */
  start(): void;
  /** At the end of the run: says (as a warning) what the source still held back. */
  finish(): void;
}

/**
 * The source as a caller: outside the mesh and the cluster (no node, no instance), or, with `from`,
 * inside the first pod of that service — its node, and its instance for the data plane (the pod's
 * sidecar, its node's proxies). It stays a traffic source (`service: null`): its own caller key, edges
 * named after it, its own client (balancer, policies) and connection pools.
 */
function sourceCaller(context: TrafficContext, config: TrafficConfig, key: number): CallerRef {
  if (config.from === undefined) return { name: config.name, key, node: null, instanceId: -1, service: null };
  const host = context.services.find(config.from);
  if (host === undefined)
    throw new Error(`traffic source "${config.name}": from: unknown service "${config.from}"`);
  const pod = host.instances[0];
  if (pod === undefined)
    throw new Error(
      `traffic source "${config.name}": from: service "${config.from}" has no running instance` +
        (host.pendingPods > 0 ? ' (its pods are all Pending: no node has room for them)' : ''),
    );
  return { name: config.name, key, node: pod.node, instanceId: pod.id, service: null };
}

/** What every source shares: caller identity, target, edge, balancer, policy. */
abstract class SourceBase implements CallParent, TrafficSource {
  readonly caller: CallerRef;
  protected readonly target: ServiceRuntime;
  protected readonly edge: EdgeStats;
  protected readonly client: UpstreamClient;
  protected readonly backoffRandom: Random;
  protected readonly policy: CallPolicy;
  /** Class (header) of every request this source sends; null = none. */
  protected readonly requestClass: string | null;
  /** Whether the source keeps its connections open between requests. */
  protected readonly keepAlive: boolean;
  /** This source's calls that are over, for its next ones. */
  private readonly freeCalls = new FreeList<Call>();

  constructor(
    protected readonly context: TrafficContext,
    config: TrafficConfig,
    callerKey: number,
    index: number,
  ) {
    this.caller = sourceCaller(context, config, callerKey);
    this.target = context.services.get(config.to);
    this.edge = context.edges.get(config.name, config.to);
    // Its successes by lateness: what the diagnosis attributes a slow source's goodput by (docs/analysis.md#verdicts).
    this.edge.trackLateness();
    const tag = `${config.name}#${index}`;
    this.client = createUpstreamClient(
      context,
      this.caller,
      this.target,
      context.streams.stream(`lb/${tag}`),
    );
    this.edge.counterSources.push(this.client);
    this.backoffRandom = context.streams.stream(`backoff/${tag}`);
    this.policy = context.dataPlane.effectivePolicy(this.caller, config.policy, config.policySet ?? true);
    this.requestClass = config.requestClass ?? null;
    this.keepAlive = config.keepAlive ?? true;
  }

  /** `offeredInterval`: with `countedWhenDue`, the interval the call was counted in when it was due. */
  protected send(parent: CallParent, waitedMs = 0, countedWhenDue = false, offeredInterval = 0): void {
    // PERF: a call of this source that is over, made new, when one is free: no allocation per request.
    const call = Call.obtain(
      this.freeCalls,
      this.context.calls,
      this.caller,
      this.target,
      this.policy,
      this.edge,
      this.client,
      this.backoffRandom,
      parent,
      false,
    );
    call.requestClass = this.requestClass;
    call.keepAlive = this.keepAlive;
    call.waitedMs = waitedMs;
    call.countedWhenDue = countedWhenDue;
    call.offeredInterval = offeredInterval;
    // The shared proxy on its route (a waypoint replica), whose local rate limit it passes; the source keeps its own client.
    call.via = this.context.dataPlane.enforcerSlot?.(this.caller, this.target.name) ?? -1;
    call.start();
  }

  abstract start(): void;
  finish(): void {}
  abstract onCallDone(call: Call, succeeded: boolean): void;
}

/**
 * Open-loop arrivals on a rate schedule. With `connections`, at most that many requests are in flight (over every
 * source of its `connectionGroup`, when it has one): an arrival that finds them all busy waits (FIFO) and is sent
 * when one ends, its wait counted in its latency.
 */
export class OpenSource extends SourceBase implements SlotWaiter {
  private readonly schedule: RateSchedule;
  private readonly arrivals: Random;
  /** Evenly spaced arrivals sent so far (`arrival: constant`). */
  private sentConstant = 0;
  /** The connections its requests take: its own, or its group's. */
  private readonly slots: ConnectionSlots;
  /** Arrivals that had to wait (for the warning). */
  private waited = 0;
  /** Arrivals waiting now (for the warning at the end). */
  private waitingNow = 0;

  constructor(
    context: TrafficContext,
    private readonly config: OpenTrafficConfig,
    callerKey: number,
    index: number,
    /** Shared slots of its `connectionGroup`; omitted: its own `connections` (or none). */
    slots?: ConnectionSlots,
  ) {
    super(context, config, callerKey, index);
    this.schedule = new RateSchedule(config.rate);
    this.arrivals = context.streams.stream(`arrivals/${config.name}#${index}`);
    this.slots = slots ?? new ConnectionSlots(context.engine, config.connections ?? Infinity);
  }

  start(): void {
    this.scheduleNext();
  }

  onCallDone(): void {
    this.slots.release();
  }

  override finish(): void {
    if (this.waited === 0) return;
    const group = this.config.connectionGroup;
    const connections = groupThousands(this.slots.limit);
    this.context.warnings.add(
      `Traffic source ${this.config.name}: ${groupThousands(this.waited)} requests waited for one of ` +
        (group === undefined
          ? `its ${connections} connections`
          : `the ${connections} connections of group ${group}`) +
        ' (all busy); on its edge they count from when they were due ' +
        '(offered then; latency including the wait, as wrk2 reports it)' +
        (this.waitingNow > 0
          ? `; ${groupThousands(this.waitingNow)} were still waiting when the run ended (never sent; in flight on the edge).`
          : '.'),
    );
  }

  private scheduleNext(): void {
    const engine = this.context.engine;
    const endMs = this.context.durationMs;
    const next =
      this.config.arrival === 'poisson'
        ? this.schedule.nextPoisson(engine.now, endMs, this.arrivals)
        : this.schedule.timeOfArrival(++this.sentConstant);
    if (next < endMs) engine.scheduleAt(next, onArrival, this);
  }

  /** @internal */
  arrival(): void {
    if (this.slots.tryTake()) {
      this.send(this);
    } else {
      // Offered now: on the edge (calls, in flight) from when it is due, so goodput is against the schedule.
      const offeredInterval = this.edge.recordStart();
      this.edge.waiting++;
      this.slots.wait(this, this.context.engine.now, offeredInterval);
      this.waited++;
      this.waitingNow++;
    }
    this.scheduleNext();
  }

  /**
   * @internal Sends an arrival due at `dueMs` (counted in interval `offeredInterval`) that waited for a connection, on
   * the slot an ended request freed.
   */
  sendWaiting(dueMs: number, offeredInterval: number): void {
    this.waitingNow--;
    this.edge.waiting--;
    this.send(this, this.context.engine.now - dueMs, true, offeredInterval);
  }
}

function onArrival(source: OpenSource): void {
  source.arrival();
}

/**
 * The least a closed-loop user waits before its next request after a call that ended at the very
 * instant it started (an instantaneous refusal: an open breaker, a full connection pool, no endpoint),
 * whatever its think time [ms]. Without it a user with no think time would resend at the same instant
 * forever and simulated time would never advance (a Zeno loop). 1 ms: a real client spends at least
 * the CPU time of building, sending and failing a request (microseconds to a millisecond) before it
 * can resend, so this bounds a refused user to 1,000 requests per simulated second — small next to
 * the think times of real workloads, large enough for a run to move on. docs/model.md § Traffic.
 */
export const MIN_THINK_AFTER_INSTANT_CALL_MS = 1;

/** One closed-loop user. */
class User implements CallParent {
  /** When the user's current or last request was sent [ms]; NaN before the first. */
  sentAtMs = Number.NaN;

  constructor(readonly source: ClosedSource) {}
  onCallDone(): void {
    this.source.think(this);
  }
}

/** Closed-loop users with think time. */
export class ClosedSource extends SourceBase {
  private readonly thinkTime: Sampler;
  private instantCalls = 0;

  constructor(
    context: TrafficContext,
    private readonly config: ClosedTrafficConfig,
    callerKey: number,
    index: number,
  ) {
    super(context, config, callerKey, index);
    this.thinkTime = createSampler(
      config.thinkTimeMs,
      context.streams.stream(`think/${config.name}#${index}`),
    );
  }

  start(): void {
    for (let i = 0; i < this.config.users; i++) this.think(new User(this));
  }

  onCallDone(): void {}

  /**
   * @internal Schedules the user's next request after a think time — at least
   * {@link MIN_THINK_AFTER_INSTANT_CALL_MS} after a call that ended at the instant it was sent.
   */
  think(user: User): void {
    const engine = this.context.engine;
    let thinkMs = Math.max(0, this.thinkTime());
    if (user.sentAtMs === engine.now && thinkMs < MIN_THINK_AFTER_INSTANT_CALL_MS) {
      thinkMs = MIN_THINK_AFTER_INSTANT_CALL_MS;
      if (this.instantCalls++ === 0) {
        this.context.warnings.add(
          `Closed-loop users of ${this.config.name} got answers at the instant they sent a request; each then ` +
            `waited at least ${MIN_THINK_AFTER_INSTANT_CALL_MS} ms before sending again (meshsim's minimum pause ` +
            'after an instantaneous call, so that simulated time advances).',
        );
      }
    }
    const at = engine.now + thinkMs;
    // PERF: the user is the event's argument (it knows its source): no object per request.
    if (at < this.context.durationMs) engine.scheduleAt(at, onUserWakes, user);
  }

  /** @internal */
  wake(user: User): void {
    user.sentAtMs = this.context.engine.now;
    this.send(user);
  }
}

function onUserWakes(user: User): void {
  user.source.wake(user);
}

/**
 * Creates the sources of `configs`, the first with caller key `firstCallerKey` and the next ones the following
 * keys. Open-loop sources naming the same `connectionGroup` share one set of connections; they must all set the
 * same `connections` (throws naming them otherwise).
 */
export function createSources(
  context: TrafficContext,
  configs: readonly TrafficConfig[],
  firstCallerKey: number,
): TrafficSource[] {
  const groups = new Map<string, { slots: ConnectionSlots; first: OpenTrafficConfig }>();
  return configs.map((config, index) => {
    if (config.kind === 'closed') return new ClosedSource(context, config, firstCallerKey + index, index);
    const name = config.connectionGroup;
    if (name === undefined) return new OpenSource(context, config, firstCallerKey + index, index);
    let group = groups.get(name);
    if (group === undefined) {
      if (config.connections === undefined) {
        throw new Error(
          `traffic source "${config.name}": connectionGroup "${name}" needs connections (the group's limit)`,
        );
      }
      group = { slots: new ConnectionSlots(context.engine, config.connections), first: config };
      groups.set(name, group);
    } else if (config.connections !== group.first.connections) {
      throw new Error(
        `traffic sources "${group.first.name}" and "${config.name}": connectionGroup "${name}" has one limit, ` +
          `but they set connections ${String(group.first.connections)} and ${String(config.connections)}`,
      );
    }
    return new OpenSource(context, config, firstCallerKey + index, index, group.slots);
  });
}
