// The load balancer a comparison shows for one shape: the mesh's, unless the scenario's destinations set their own —
// then what its called services actually use (the distinct balancers, `round-robin` or `least-request/round-robin`).

import type { SimulationConfig } from '@meshsim/mesh';

/** The balancers the called services of `config` use (a destination's own, else the mesh's), distinct, joined by `/`. */
export function effectiveLoadBalancer(config: SimulationConfig): string {
  const called = new Set([
    ...config.services.flatMap((service) => service.calls.flat().map((call) => call.to)),
    ...config.traffic.map((source) => source.to),
  ]);
  const used = config.services
    .filter((service) => called.has(service.name))
    .map((service) => service.destination?.loadBalancer?.kind ?? config.mesh.loadBalancer);
  const distinct = [...new Set(used)];
  return distinct.length === 0 ? config.mesh.loadBalancer : distinct.join('/');
}
