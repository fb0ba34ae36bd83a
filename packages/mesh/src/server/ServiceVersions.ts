// A service's versions at run time: per-version samplers and counters, which instance belongs to
// which version, the current weights (with their schedule), class routes and per-version endpoint lists.

import { createSampler } from '@meshsim/engine';
import type { Sampler } from '@meshsim/engine';
import type { CallerRef } from '../topology/CallerRef.js';
import type { RunStreams } from '../ports/RunStreams.js';
import type { ServiceConfig } from '../config/SimulationConfig.js';
import type { VersionMetrics } from '../config/SimulationResult.js';
import { resolveVersions } from './resolveVersions.js';
import type { ResolvedWeightStep } from './resolveVersions.js';

/** One version of a service: what its instances run with, and what they served. */
export class ServiceVersion {
  arrived = 0;
  completed = 0;
  rejected = 0;
  errors = 0;

  constructor(
    readonly name: string,
    /** Index among the service's versions (declared order). */
    readonly index: number,
    readonly replicas: number,
    /** Service-time sampler of its instances (the service's own unless the version overrides it). */
    readonly serviceTime: Sampler,
    /** Application error rate of its instances, in [0, 1]. */
    readonly errorRate: number,
  ) {}

  /** Its pods no node had room for (Pending: never running). */
  pending = 0;

  /** This version's metrics. */
  metrics(): VersionMetrics {
    const answered = this.completed + this.rejected;
    return {
      name: this.name,
      instances: this.replicas - this.pending,
      arrived: this.arrived,
      completed: this.completed,
      rejected: this.rejected,
      errors: this.errors,
      successRate: answered > 0 ? (this.completed - this.errors) / answered : null,
    };
  }
}

/** An endpoint that knows its version (an instance). */
export interface VersionedEndpoint {
  readonly versionRuntime: ServiceVersion;
}

/** The versions of one service. */
export class ServiceVersions {
  readonly list: readonly ServiceVersion[];
  /** Whether version weights are set (a split applies where the caller can enforce one). */
  readonly weighted: boolean;
  /** Whether class-based routes are declared. */
  readonly hasRoutes: boolean;
  private readonly byInstance: ServiceVersion[] = [];
  private readonly routes: ReadonlyMap<string, number>;
  private readonly schedule: readonly ResolvedWeightStep[];
  private nextStep = 0;
  /** Cumulative weights by version index [percent]. */
  private readonly cumulative: number[];
  private readonly subsets: VersionedEndpoint[][];
  private subsetsOf: readonly VersionedEndpoint[] | null = null;
  private readonly splitClients = new Map<number, number>();

  constructor(
    private readonly config: ServiceConfig,
    streams: RunStreams,
    /** The service's own service-time sampler, used by versions that do not override it. */
    baseServiceTime: Sampler,
  ) {
    const resolved = resolveVersions(config);
    this.list = resolved.versions.map((v, i) => {
      const sampler =
        v.serviceTimeMs === null
          ? baseServiceTime
          : createSampler(v.serviceTimeMs, streams.stream(`service-time/${config.name}/${v.name}`));
      const version = new ServiceVersion(v.name, i, v.replicas, sampler, v.errorRate ?? config.errorRate);
      for (let k = 0; k < v.replicas; k++) this.byInstance.push(version);
      return version;
    });
    this.weighted = resolved.weights !== null;
    this.cumulative = new Array<number>(this.list.length).fill(0);
    if (resolved.weights !== null) this.setWeights(resolved.weights);
    this.schedule = resolved.schedule;
    this.routes = resolved.routes;
    this.hasRoutes = resolved.routes.size > 0;
    this.subsets = this.list.map(() => []);
  }

  /** The pod at `index` in placement order is Pending: its version runs one instance less. */
  leavePending(index: number): void {
    this.forInstance(index).pending++;
  }

  /** The version of the instance at `index` in placement order. */
  forInstance(index: number): ServiceVersion {
    const version = this.byInstance[index];
    if (version === undefined) {
      throw new Error(`service "${this.config.name}": no version for instance ${index}`);
    }
    return version;
  }

  /** Index of the version a class-based route sends `requestClass` to, or −1 when no route matches. */
  routeFor(requestClass: string): number {
    return this.routes.get(requestClass) ?? -1;
  }

  /**
   * The version a weighted pick lands on, for a uniform draw `u` in [0, 1), with the weights in
   * force at `nowMs` (schedule steps apply from their `atMs`). Time must not go backwards.
   */
  pickWeighted(u: number, nowMs: number): number {
    const schedule = this.schedule;
    while (this.nextStep < schedule.length && (schedule[this.nextStep] as ResolvedWeightStep).atMs <= nowMs) {
      this.setWeights((schedule[this.nextStep] as ResolvedWeightStep).weights);
      this.nextStep++;
    }
    const cumulative = this.cumulative;
    const last = cumulative.length - 1;
    const x = u * (cumulative[last] as number);
    for (let i = 0; i < last; i++) if (x < (cumulative[i] as number)) return i;
    return last;
  }

  /**
   * The endpoints of version `index` among `endpoints` (in their order); empty when the version has none there.
   * Lists are rebuilt only when `endpoints` is a new array.
   */
  subset<E extends VersionedEndpoint>(endpoints: readonly E[], index: number): readonly E[] {
    if (endpoints !== this.subsetsOf) {
      for (const list of this.subsets) list.length = 0;
      for (const instance of endpoints) this.subsets[instance.versionRuntime.index]?.push(instance);
      this.subsetsOf = endpoints;
    }
    // The lists hold elements of `endpoints` only (rebuilt whenever it changes), so they are E's.
    return this.subsets[index] as E[];
  }

  /** A unique random-stream name for the split decisions of one client of `caller`. */
  splitStreamName(caller: CallerRef): string {
    const n = this.splitClients.get(caller.key) ?? 0;
    this.splitClients.set(caller.key, n + 1);
    const base = `split/${caller.name}@${caller.key}->${this.config.name}`;
    return n === 0 ? base : `${base}#${n}`;
  }

  /** Per-version metrics in declared order. */
  metrics(): VersionMetrics[] {
    return this.list.map((v) => v.metrics());
  }

  private setWeights(weights: readonly number[]): void {
    let sum = 0;
    for (let i = 0; i < this.cumulative.length; i++) {
      sum += weights[i] as number;
      this.cumulative[i] = sum;
    }
  }
}
