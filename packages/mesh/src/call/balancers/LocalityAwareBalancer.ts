// Locality-aware balancing with failover: prefer endpoints in the caller's zone, then its cluster,
// then anywhere; a tier is skipped when fewer than `minHealthyPercent` of its instances are healthy.

import { checkFields } from '../../config/rules/checkFields.js';
import { LOCALITY_AWARE_RULES } from '../../config/rules/loadBalancerRules.js';
import type { Endpoint, LoadBalancer } from '../LoadBalancer.js';

/** Where something runs. */
export interface ZoneLocation {
  readonly cluster: string;
  readonly zone: string;
}

/** An endpoint that knows where it runs (a service instance: `instance.node`). */
export interface LocatedEndpoint extends Endpoint {
  readonly node: ZoneLocation;
}

/** The tiers, most preferred first. */
export type LocalityTier = 'zone' | 'cluster' | 'any';

/**
 * Locality-aware balancer. Tiers are nested: `zone` = same cluster and zone as the caller,
 * `cluster` = same cluster, `any` = every endpoint. A tier is used when it has at least one healthy
 * endpoint and `healthy × 100 ≥ minHealthyPercent × instances` (healthy = in the `endpoints` passed to
 * `pick`, i.e. up and not ejected; instances = all of the service's instances in that tier). Within
 * the tier: round robin. A caller outside the clusters (`null` location) has no preference.
 */
export class LocalityAwareBalancer<E extends LocatedEndpoint> implements LoadBalancer<E> {
  private readonly tierEndpoints: E[] = [];
  private cursor: number;
  private zoneTotal = 0;
  private clusterTotal = 0;
  private countedInstances = -1;
  /** Tier of the last pick (for tests and debugging). */
  lastTier: LocalityTier = 'any';

  constructor(
    /** Every instance of the destination, healthy or not (the denominator of the health check). */
    private readonly instances: readonly E[],
    private readonly caller: ZoneLocation | null,
    private readonly minHealthyPercent: number,
    start: number,
  ) {
    checkFields(LOCALITY_AWARE_RULES, { minHealthyPercent }, 'loadBalancer');
    this.cursor = start;
  }

  pick(endpoints: readonly E[]): E | undefined {
    if (endpoints.length === 0) return undefined;
    const caller = this.caller;
    if (caller === null) {
      this.lastTier = 'any';
      return this.roundRobin(endpoints);
    }
    this.countInstances(caller);
    let zoneHealthy = 0;
    let clusterHealthy = 0;
    for (const endpoint of endpoints) {
      if (endpoint.node.cluster !== caller.cluster) continue;
      clusterHealthy++;
      if (endpoint.node.zone === caller.zone) zoneHealthy++;
    }
    let tier: LocalityTier = 'any';
    if (this.qualifies(zoneHealthy, this.zoneTotal)) tier = 'zone';
    else if (this.qualifies(clusterHealthy, this.clusterTotal)) tier = 'cluster';
    this.lastTier = tier;
    if (tier === 'any') return this.roundRobin(endpoints);
    const chosen = this.tierEndpoints;
    chosen.length = 0;
    for (const endpoint of endpoints) {
      if (endpoint.node.cluster !== caller.cluster) continue;
      if (tier === 'zone' && endpoint.node.zone !== caller.zone) continue;
      chosen.push(endpoint);
    }
    return this.roundRobin(chosen);
  }

  release(): void {}

  private qualifies(healthy: number, total: number): boolean {
    return healthy > 0 && healthy * 100 >= this.minHealthyPercent * total;
  }

  private roundRobin(endpoints: readonly E[]): E | undefined {
    const endpoint = endpoints[this.cursor % endpoints.length];
    this.cursor = (this.cursor + 1) % 1_000_000_007;
    return endpoint;
  }

  /** Instances per tier; recounted only when the instance list changes size. */
  private countInstances(caller: ZoneLocation): void {
    if (this.countedInstances === this.instances.length) return;
    this.countedInstances = this.instances.length;
    this.zoneTotal = 0;
    this.clusterTotal = 0;
    for (const instance of this.instances) {
      if (instance.node.cluster !== caller.cluster) continue;
      this.clusterTotal++;
      if (instance.node.zone === caller.zone) this.zoneTotal++;
    }
  }
}
