// The VPC Lattice managed hop: one Lattice service per destination service, each a station with no
// worker limit and no user-visible CPU or memory, that answers for a target it cannot reach. Shared by
// `vpc-lattice` and `layered`.

import { createSampler } from '@meshsim/engine';
import type { Engine, Sampler } from '@meshsim/engine';
import type { Attempt } from '../../call/Attempt.js';
import type { PriceTable, ProxyProfile } from '../../config/MeshConfig.js';
import type { ProxyKindTotals } from '../../config/SimulationResult.js';
import { latticeCostPerMonthUsd } from '../dataplane/prices.js';
import type { Instance } from '../../server/Instance.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { Proxy } from '../dataplane/Proxy.js';
import { kindTotals } from '../dataplane/proxyTotals.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { Station } from '../../call/Station.js';
import { LATTICE_TARGET_CONNECT_TIMEOUT_MS } from './latticeRules.js';

/**
 * The leg of a Lattice service towards one target: it passes traversals to its Lattice service's hop, and when the
 * target does not answer, Lattice answers the caller itself (the caller's connection is to Lattice, which is up):
 * 502 at once when the pod refuses the connection (it crashed on a live node), 504 after Lattice's connect timeout
 * to targets when nothing answers (its node is off; the timeout is an ASSUMPTION, `LATTICE_TARGET_CONNECT_TIMEOUT_MS`).
 */
class LatticeTargetLeg extends Proxy {
  constructor(
    private readonly hop: Proxy,
    private readonly target: Instance,
    profile: ProxyProfile,
    latency: Sampler,
    engine: Engine,
    onForward: (traveller: object) => void,
  ) {
    super(hop.kind, hop.name, null, profile, latency, engine, onForward);
    this.role = hop.role;
    this.service = hop.service;
  }

  /** Its Lattice service's state (faults crash the service's hop). */
  override get up(): boolean {
    return this.hop.up;
  }

  override admit(traveller: object, kib: number): number {
    const delayMs = this.hop.admit(traveller, kib);
    // Only attempts travel (the transport's contract); a request on its way to a target that is down comes back.
    const attempt = traveller as Attempt;
    if (attempt.direction === 1 && !this.target.up) {
      const unreachable = this.target.node.unreachable;
      attempt.result = unreachable ? 'gateway-timeout' : 'bad-gateway';
      attempt.direction = -1;
      return unreachable ? delayMs + LATTICE_TARGET_CONNECT_TIMEOUT_MS : delayMs;
    }
    return delayMs;
  }
}

/** The Lattice services of a run and the routes through them. */
export class LatticeHops {
  /** One hop per service, in config order. */
  readonly hops: Proxy[];
  private readonly hopOfInstance: Proxy[];
  private readonly legs: LatticeTargetLeg[];

  constructor(context: DataPlaneContext, profile: ProxyProfile) {
    const latency = createSampler(profile.latencyMs, context.streams.stream('proxy/vpc-lattice'));
    const byService = new Map<string, Proxy>();
    this.hops = context.config.services.map((service) => {
      const proxy = new Proxy(
        'vpc-lattice',
        `lattice/${service.name}`,
        null,
        profile,
        latency,
        context.engine,
        context.onForward,
      );
      proxy.role = 'managed-hop';
      proxy.service = service.name;
      byService.set(service.name, proxy);
      return proxy;
    });
    this.hopOfInstance = context.instances.map((instance) => byService.get(instance.service.name) as Proxy);
    this.legs = context.instances.map(
      (instance) =>
        new LatticeTargetLeg(
          this.hopOfInstance[instance.id] as Proxy,
          instance,
          profile,
          latency,
          context.engine,
          context.onForward,
        ),
    );
  }

  /** The hop station of `target`'s Lattice service towards `target` (one per route built). */
  station(target: Instance): Station<Proxy> {
    const station = proxyStation(this.hopOfInstance[target.id] as Proxy, target);
    if (station.kind === 'proxy') station.proxy = this.legs[target.id] as LatticeTargetLeg;
    return station;
  }

  /**
   * `route` with the hop inserted right after its first network transfer between two clusters (or
   * from outside the clusters when `fromOutside`); unchanged (a copy) when there is none.
   */
  insertInto(route: readonly Station<Proxy>[], target: Instance, fromOutside: boolean): Station<Proxy>[] {
    const result = [...route];
    const at = result.findIndex(
      (station) =>
        station.kind === 'network' &&
        (station.from === null
          ? fromOutside
          : station.to !== null && station.from.cluster !== station.to.cluster),
    );
    if (at >= 0) result.splice(at + 1, 0, this.station(target));
    return result;
  }

  /**
   * Totals of the hops: no CPU or memory of the user's; priced per Lattice service-hour, per request
   * (each service's own hourly request rate, less the free requests of each hour) and per GB (the run's rates
   * extrapolated to a month). `billUnused`: bill service-hours of Lattice services no call passed (true when every
   * service is registered in Lattice; false when only the services called across clusters are, as in `layered`).
   */
  totals(durationMs: number, prices: PriceTable | null, billUnused: boolean): ProxyKindTotals {
    const used = billUnused ? this.hops : this.hops.filter((hop) => hop.traversals > 0);
    return kindTotals(
      {
        kind: 'vpc-lattice',
        proxies: this.hops,
        endpointsOf: () => 0,
        countsAsProxy: false,
        priceOf: (_totals, table) => {
          const seconds = durationMs / 1000;
          // A call passes its Lattice service twice (request and response).
          const requestsPerSecond = used.map((hop) => (seconds > 0 ? hop.traversals / 2 / seconds : 0));
          let kib = 0;
          for (const hop of this.hops) kib += hop.kib;
          return latticeCostPerMonthUsd(
            table,
            used.length,
            requestsPerSecond,
            seconds > 0 ? kib / seconds : 0,
          );
        },
      },
      durationMs,
      prices,
    );
  }
}
