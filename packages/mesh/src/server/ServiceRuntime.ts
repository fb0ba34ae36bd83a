// A service at run time: its instances, the endpoints callers currently see, its samplers and stats,
// and one `Downstream` per entry of its call plan (edge stats, balancers, policy).

import { createSampler } from '@meshsim/engine';
import type { Random, Sampler } from '@meshsim/engine';
import type { CallConfig, CallPolicy, FaultEffect, ServiceConfig } from '../config/SimulationConfig.js';
import type { CallerRef } from '../topology/CallerRef.js';
import { createInstanceBalancer } from '../policies/createInstanceBalancer.js';
import { createClientPolicies } from '../policies/createClientPolicies.js';
import { UpstreamClient } from '../call/UpstreamClient.js';
import type { World } from '../internal/World.js';
import type { EdgeStats } from '../ports/EdgeStats.js';
import { ServiceStats } from '../ports/ServiceStats.js';
import type { Instance } from './Instance.js';
import { createInboundProtection } from './protection/createInboundProtection.js';
import type { InboundProtection } from './protection/InboundProtection.js';
import { CallRoute } from '../traffic/CallRoute.js';
import { ServiceVersions } from './ServiceVersions.js';
import { createVersionRouter } from '../traffic/VersionRouter.js';

/** One call-plan entry of a service, wired to its target. */
export class Downstream {
  readonly edge: EdgeStats;
  readonly backoffRandom: Random;
  private readonly clients = new Map<number, UpstreamClient>();
  private readonly lbRandom: Random;
  private resolvedPolicy: CallPolicy | null = null;
  /** Fault injection and mirroring of this entry; null when it sets neither. */
  private readonly route: CallRoute | null;

  constructor(
    private readonly world: World,
    from: string,
    readonly config: CallConfig,
    readonly target: ServiceRuntime,
    tag: string,
  ) {
    this.edge = world.edge(from, config.to);
    this.backoffRandom = world.streams.stream(`backoff/${from}->${config.to}${tag}`);
    this.lbRandom = world.streams.stream(`lb/${from}->${config.to}${tag}`);
    this.route = CallRoute.create(world, from, config, tag, createUpstreamClient);
  }

  /** The policy this call runs with (the same for every instance of the calling service). */
  policy(caller: CallerRef): CallPolicy {
    if (this.resolvedPolicy === null) {
      this.resolvedPolicy = this.world.dataPlane.effectivePolicy(
        caller,
        this.config.policy,
        this.config.policySet,
        this.target.name,
      );
    }
    return this.resolvedPolicy;
  }

  /** The caller's own client (balancer + policies) for this target, created on first use. */
  clientFor(caller: CallerRef): UpstreamClient {
    let client = this.clients.get(caller.key);
    if (client === undefined) {
      client = createUpstreamClient(this.world, caller, this.target, this.lbRandom);
      this.edge.clients.push(client);
      this.clients.set(caller.key, client);
      this.route?.attach(caller, client, this.policy(caller));
    }
    return client;
  }
}

/** A new client of `target` for `caller`: its balancer and its client-side policies. */
export function createUpstreamClient(
  world: World,
  caller: CallerRef,
  target: ServiceRuntime,
  lbRandom: Random,
): UpstreamClient {
  const balancer = createInstanceBalancer(world, caller, target, lbRandom);
  const client = new UpstreamClient(balancer, createClientPolicies(world, caller, target));
  client.router = createVersionRouter(world, caller, target);
  return client;
}

/** A service's runtime state. */
export class ServiceRuntime {
  readonly instances: Instance[] = [];
  /** Instances callers currently route to (changes reach them after the endpoint update delay). */
  endpoints: Instance[] = [];
  readonly stats = new ServiceStats();
  readonly serviceTime: Sampler;
  /** Versions (subsets): per-version samplers, counters, weights and routes. */
  readonly versions: ServiceVersions;
  readonly errorRandom: Random;
  readonly callRandom: Random;
  /** `downstream[stage][i]` matches `config.calls[stage][i]`; filled by `wire()`. */
  downstream: Downstream[][] = [];
  /** Inbound protections (authorization, rate limit, shedding, deadlines); null when none apply. Set by `wire()`. */
  protection: InboundProtection | null = null;
  /** Honours propagated deadlines and cancellations (`deadlinePropagation`, if enforceable). Set by `wire()`. */
  propagatesDeadlines = false;
  private readonly faultRandom: Random;
  private readonly faultSamplers = new Map<FaultEffect, Sampler>();

  constructor(
    private readonly world: World,
    readonly config: ServiceConfig,
  ) {
    const streams = world.streams;
    this.serviceTime = createSampler(config.serviceTimeMs, streams.stream(`service-time/${config.name}`));
    this.errorRandom = streams.stream(`errors/${config.name}`);
    this.callRandom = streams.stream(`call-plan/${config.name}`);
    this.faultRandom = streams.stream(`fault-latency/${config.name}`);
    this.versions = new ServiceVersions(config, streams, this.serviceTime);
  }

  get name(): string {
    return this.config.name;
  }

  /** Connects each call-plan entry to its target service (after every service exists). */
  wire(): void {
    this.downstream = this.config.calls.map((stage, s) =>
      stage.map(
        (call, i) => new Downstream(this.world, this.name, call, this.world.service(call.to), `#${s}.${i}`),
      ),
    );
    this.protection = createInboundProtection(this.world, this);
    this.propagatesDeadlines = this.protection?.deadlines ?? false;
  }

  /** Recomputes the endpoint list from the instances that are up, in placement order. */
  refreshEndpoints(): void {
    this.endpoints = this.instances.filter((instance) => instance.up);
  }

  /** Samples the added latency of a latency fault [ms]. */
  faultLatency(fault: FaultEffect): number {
    if (fault.kind !== 'latency' || fault.addMs === null) return 0;
    let sampler = this.faultSamplers.get(fault);
    if (sampler === undefined) {
      sampler = createSampler(fault.addMs, this.faultRandom);
      this.faultSamplers.set(fault, sampler);
    }
    return sampler();
  }
}
