// A service at run time: its instances, the endpoints callers currently see, its samplers and stats,
// and the call-plan entries and inbound protections the assembly wires into it.

import { createSampler } from '@meshsim/engine';
import type { Random, Sampler } from '@meshsim/engine';
import type { FaultEffect, ServiceConfig } from '../config/SimulationConfig.js';
import type { RunStreams } from '../ports/RunStreams.js';
import { ServiceStats } from '../ports/ServiceStats.js';
import type { DownstreamCall } from './DownstreamCall.js';
import type { InboundGate, Instance, InstanceService } from './Instance.js';
import { ServiceVersions } from './ServiceVersions.js';

/** What is told when a service's endpoint list changes (a balancer queue holding requests for it). */
export interface EndpointWatcher {
  recheck(): void;
}

/** A service's runtime state. */
export class ServiceRuntime implements InstanceService {
  readonly instances: Instance[] = [];
  /** Its pods no node had room for: Pending, so never running (the last ones in placement order). */
  pendingPods = 0;
  /** Instances callers currently route to (changes reach them after the endpoint update delay). */
  endpoints: Instance[] = [];
  /**
   * Instances a managed hop (VPC Lattice) routes this service's calls to: those its own health checks last found
   * answering (`up`), whatever Kubernetes says of them. Read by callers whose calls the hop balances.
   */
  managedEndpoints: Instance[] = [];
  /**
   * Told when `endpoints` changes: the balancer queues of callers that hold requests while no endpoint of this
   * service is ready (call/BalancerQueue.ts), which pick again then.
   */
  private readonly endpointWatchers: EndpointWatcher[] = [];
  readonly stats = new ServiceStats();
  readonly serviceTime: Sampler;
  /** Versions (subsets): per-version samplers, counters, weights and routes. */
  readonly versions: ServiceVersions;
  readonly errorRandom: Random;
  readonly callRandom: Random;
  /** `downstream[stage][i]` starts `config.calls[stage][i]`; wired once every service exists. */
  downstream: readonly (readonly DownstreamCall[])[] = [];
  /** Inbound protections (authorization, rate limit, shedding, deadlines); null when none apply. Wired with `downstream`. */
  protection: InboundGate | null = null;
  /** Honours propagated deadlines and cancellations (`deadlinePropagation`, if enforceable). Wired with `downstream`. */
  propagatesDeadlines = false;
  private readonly faultRandom: Random;
  private readonly faultSamplers = new Map<FaultEffect, Sampler>();

  constructor(
    streams: RunStreams,
    readonly config: ServiceConfig,
  ) {
    this.serviceTime = createSampler(config.serviceTimeMs, streams.stream(`service-time/${config.name}`));
    this.errorRandom = streams.stream(`errors/${config.name}`);
    this.callRandom = streams.stream(`call-plan/${config.name}`);
    this.faultRandom = streams.stream(`fault-latency/${config.name}`);
    this.versions = new ServiceVersions(config, streams, this.serviceTime);
  }

  get name(): string {
    return this.config.name;
  }

  /**
   * Tells `watcher` of every later change of `endpoints`. `replacing`: the watcher it takes the place of (the queue of
   * a restarted proxy's previous client), which is told no more — so restarts do not grow the list.
   */
  watchEndpoints(watcher: EndpointWatcher, replacing: EndpointWatcher | null = null): void {
    const at = replacing === null ? -1 : this.endpointWatchers.indexOf(replacing);
    if (at >= 0) this.endpointWatchers[at] = watcher;
    else this.endpointWatchers.push(watcher);
  }

  /** Recomputes the endpoint list from the instances Kubernetes counts Ready, in placement order. */
  refreshEndpoints(): void {
    this.endpoints = this.instances.filter((instance) => instance.ready);
    for (const watcher of this.endpointWatchers) watcher.recheck();
  }

  /** Recomputes the managed hop's endpoint list from the instances that answer now, in placement order. */
  refreshManagedEndpoints(): void {
    this.managedEndpoints = this.instances.filter((instance) => instance.up);
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
