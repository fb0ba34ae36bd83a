// Which L7 (request-level) policies a scenario asks of the mesh for each destination service. Shapes
// whose L7 proxy is optional (Cilium's node Envoy, ambient's waypoint) use it to route and to warn.

import type { SimulationConfig } from '../../config/SimulationConfig.js';
import type { PolicyName } from '../../config/capabilities.js';

/**
 * L7 policies asked for calls to each service, by service name, in a fixed order per service.
 * Counted: the service's destination policy (balancer, connection pool, outlier detection, retry
 * budget: failure accrual and the error-rate breaker are not Envoy's), its inbound rate limit and shedding, deadline
 * propagation, version weights/routes, and — from the services that call it — scenario-set timeouts
 * and retries, fault injection, mirroring and bulkheads. Traffic sources are outside the mesh and not
 * counted; authorization and mTLS are L4-capable and not counted.
 */
export function l7Demands(config: SimulationConfig): Map<string, PolicyName[]> {
  const demands = new Map<string, PolicyName[]>();
  for (const service of config.services) demands.set(service.name, []);
  const add = (service: string, policy: PolicyName): void => {
    const list = demands.get(service);
    if (list !== undefined && !list.includes(policy)) list.push(policy);
  };
  for (const service of config.services) {
    const name = service.name;
    const destination = service.destination;
    if (destination !== undefined) {
      if (destination.loadBalancer !== null) add(name, 'load-balancer');
      if (destination.connectionPool !== null) add(name, 'connection-pool');
      if (destination.outlierDetection !== null) add(name, 'outlier-detection');
      if (destination.retryBudget !== null) add(name, 'retry-budget');
    }
    const inbound = service.inbound;
    if (inbound !== undefined) {
      if (inbound.rateLimit !== null) add(name, 'rate-limit');
      if (inbound.shedding !== null) add(name, 'shedding');
      for (const target of Object.keys(inbound.bulkheads)) add(target, 'bulkhead');
    }
    if (service.deadlinePropagation === true) add(name, 'deadline-propagation');
    const weighted = service.versions?.some((version) => version.weight !== null) ?? false;
    if (weighted || (service.weightSchedule?.length ?? 0) > 0 || (service.routes?.length ?? 0) > 0) {
      add(name, 'traffic-split');
    }
    for (const stage of service.calls) {
      for (const call of stage) {
        if (call.policySet) {
          const policy = call.policy;
          if (policy.timeoutMs !== Infinity) add(call.to, 'timeout');
          if (policy.retry.maxAttempts > 1 || policy.perTryTimeoutMs !== Infinity) add(call.to, 'retry');
        }
        if (call.faultInjection !== undefined && call.faultInjection !== null)
          add(call.to, 'fault-injection');
        if (call.mirror !== undefined && call.mirror !== null) add(call.to, 'mirror');
      }
    }
  }
  return demands;
}
