// The load balancer a comparison shows for one shape: the mesh's, unless the scenario's destinations set their own —
// then what its called services actually use (the distinct balancers, `round-robin` or `least-request/round-robin`).

import type { SimulationConfig } from '@meshsim/mesh';

/**
 * The load balancer(s) the called services of `config` use — each destination's own `loadBalancer`, else the mesh's
 * (`random` under `none`, as kube-proxy picks; `least-request` under Envoy; `peak-ewma` under Linkerd; …) — distinct,
 * in service order, joined by `/`; the mesh's when nothing is called. What a comparison's `load balancer` row shows:
 * part of an added latency can be the balancer's rather than the proxies'.
 *
 * @param config - One shape's resolved config (e.g. `applyOverrides(config, { mesh: 'linkerd' })`).
 * @example
 * ```ts
 * effectiveLoadBalancer(applyOverrides(loadScenario('steady-3tier'), { mesh: 'linkerd' })); // 'peak-ewma'
 * ```
 */
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
