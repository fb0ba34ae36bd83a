// The VPC Lattice managed hop: one Lattice service per destination service, each a station with no
// worker limit and no user-visible CPU or memory. Shared by `vpc-lattice` and `layered`.

import { createSampler } from '@meshsim/engine';
import type { PriceTable, ProxyProfile } from '../../config/MeshConfig.js';
import type { ProxyKindTotals } from '../../config/SimulationResult.js';
import { latticeCostPerMonthUsd } from '../dataplane/prices.js';
import type { Instance } from '../../server/Instance.js';
import type { DataPlaneContext } from '../dataplane/DataPlaneContext.js';
import { Proxy } from '../dataplane/Proxy.js';
import { kindTotals } from '../dataplane/proxyTotals.js';
import { proxyStation } from '../dataplane/proxyStation.js';
import type { Station } from '../../call/Station.js';

/** The Lattice services of a run and the routes through them. */
export class LatticeHops {
  /** One hop per service, in config order. */
  readonly hops: Proxy[];
  private readonly hopOfInstance: Proxy[];

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
  }

  /** The hop station of `target`'s Lattice service (one per route built). */
  station(target: Instance): Station<Proxy> {
    return proxyStation(this.hopOfInstance[target.id] as Proxy, target);
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
   * and per GB (the run's rates extrapolated to a month). `billUnused`: bill service-hours of Lattice
   * services no call passed (true when every service is registered in Lattice; false when only the
   * services called across clusters are, as in `layered`).
   */
  totals(durationMs: number, prices: PriceTable | null, billUnused: boolean): ProxyKindTotals {
    const used = billUnused ? this.hops : this.hops.filter((hop) => hop.traversals > 0);
    return kindTotals(
      {
        kind: 'vpc-lattice',
        proxies: this.hops,
        endpointsOf: () => 0,
        countsAsProxy: false,
        priceOf: (totals, table) => {
          const seconds = durationMs / 1000;
          const requestsPerSecond = seconds > 0 ? (totals.traversals ?? 0) / 2 / seconds : 0;
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
