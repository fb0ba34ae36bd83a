// Traffic sources outside the mesh: open-loop (Poisson or constant arrivals on a rate schedule) and
// closed-loop users (send, wait for the outcome, think, repeat). Each source is a caller named on its edge.

import { createSampler } from '@meshsim/engine';
import type { Random, Sampler } from '@meshsim/engine';
import { Call } from '../call/Call.js';
import type { CallParent } from '../server/CallParent.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type {
  CallPolicy,
  ClosedTrafficConfig,
  OpenTrafficConfig,
  TrafficConfig,
} from '../config/SimulationConfig.js';
import type { World } from '../internal/World.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import type { UpstreamClient } from '../call/UpstreamClient.js';
import { createUpstreamClient } from '../server/ServiceRuntime.js';
import type { ServiceRuntime } from '../server/ServiceRuntime.js';
import { RateSchedule } from './RateSchedule.js';

/** What every source shares: caller identity, target, edge, balancer, policy. */
abstract class SourceBase implements CallParent {
  protected readonly caller: CallerRef;
  protected readonly target: ServiceRuntime;
  protected readonly edge: EdgeStats;
  protected readonly client: UpstreamClient;
  protected readonly backoffRandom: Random;
  protected readonly policy: CallPolicy;
  /** Class (header) of every request this source sends; null = none. */
  protected readonly requestClass: string | null;

  constructor(
    protected readonly world: World,
    config: TrafficConfig,
    callerKey: number,
    index: number,
  ) {
    this.caller = { name: config.name, key: callerKey, node: null, instanceId: -1, service: null };
    this.target = world.service(config.to);
    this.edge = world.edge(config.name, config.to);
    const tag = `${config.name}#${index}`;
    this.client = createUpstreamClient(world, this.caller, this.target, world.streams.stream(`lb/${tag}`));
    this.edge.clients.push(this.client);
    this.backoffRandom = world.streams.stream(`backoff/${tag}`);
    this.policy = world.dataPlane.effectivePolicy(this.caller, config.policy, true);
    this.requestClass = config.requestClass ?? null;
  }

  protected send(parent: CallParent): void {
    const call = new Call(
      this.world,
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
    call.start();
  }

  abstract start(): void;
  abstract onCallDone(call: Call, succeeded: boolean): void;
}

/** Open-loop arrivals on a rate schedule. */
export class OpenSource extends SourceBase {
  private readonly schedule: RateSchedule;
  private readonly arrivals: Random;

  constructor(
    world: World,
    private readonly config: OpenTrafficConfig,
    callerKey: number,
    index: number,
  ) {
    super(world, config, callerKey, index);
    this.schedule = new RateSchedule(config.rate);
    this.arrivals = world.streams.stream(`arrivals/${config.name}#${index}`);
  }

  start(): void {
    this.scheduleNext();
  }

  onCallDone(): void {}

  private scheduleNext(): void {
    const engine = this.world.engine;
    const endMs = this.world.config.durationMs;
    const next =
      this.config.arrival === 'poisson'
        ? this.schedule.nextPoisson(engine.now, endMs, this.arrivals)
        : this.schedule.nextConstant(engine.now, endMs);
    if (next !== Infinity) engine.scheduleAt(next, onArrival, this);
  }

  /** @internal */
  arrival(): void {
    this.send(this);
    this.scheduleNext();
  }
}

function onArrival(source: OpenSource): void {
  source.arrival();
}

/** One closed-loop user. */
class User implements CallParent {
  constructor(private readonly source: ClosedSource) {}
  onCallDone(): void {
    this.source.think(this);
  }
}

/** Closed-loop users with think time. */
export class ClosedSource extends SourceBase {
  private readonly thinkTime: Sampler;

  constructor(
    world: World,
    private readonly config: ClosedTrafficConfig,
    callerKey: number,
    index: number,
  ) {
    super(world, config, callerKey, index);
    this.thinkTime = createSampler(config.thinkTimeMs, world.streams.stream(`think/${config.name}#${index}`));
  }

  start(): void {
    for (let i = 0; i < this.config.users; i++) this.think(new User(this));
  }

  onCallDone(): void {}

  /** @internal Schedules the user's next request after a think time. */
  think(user: User): void {
    const engine = this.world.engine;
    const at = engine.now + Math.max(0, this.thinkTime());
    if (at < this.world.config.durationMs) engine.scheduleAt(at, onUserWakes, { source: this, user });
  }

  /** @internal */
  wake(user: User): void {
    this.send(user);
  }
}

function onUserWakes(arg: { source: ClosedSource; user: User }): void {
  arg.source.wake(arg.user);
}

/** Creates the source for a traffic entry. */
export function createSource(
  world: World,
  config: TrafficConfig,
  callerKey: number,
  index: number,
): SourceBase {
  return config.kind === 'open'
    ? new OpenSource(world, config, callerKey, index)
    : new ClosedSource(world, config, callerKey, index);
}
