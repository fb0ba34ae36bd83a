// Which destinations Cilium sends through its per-node Envoy: those with a policy only an Envoy runs, as a
// CiliumEnvoyConfig, an HTTPRoute, an L7 network policy or the `service.cilium.io/lb-l7` annotation would. A call's
// own timeout and retry send nothing there: Cilium redirects no traffic to Envoy unless configured to.

import type { PolicyName } from '../../config/capabilities.js';
import type { SimulationConfig } from '../../config/SimulationConfig.js';
import { l7Demands } from '../dataplane/l7Demands.js';

/** What a calling application runs itself: a written timeout or retry alone makes no destination an Envoy one. */
const APPLICATION_RUN: ReadonlySet<PolicyName> = new Set<PolicyName>(['timeout', 'retry']);

/** The scenario field that asks for each policy, as the warning names it. */
const FIELD: Partial<Record<PolicyName, string>> = {
  'load-balancer': 'destinationPolicy.loadBalancer',
  'connection-pool': 'destinationPolicy.connectionPool',
  'outlier-detection': 'destinationPolicy.outlierDetection',
  'retry-budget': 'destinationPolicy.retryBudget',
  'rate-limit': 'inbound.rateLimit',
  shedding: 'inbound.shedding',
  'deadline-propagation': 'deadlinePropagation',
  'traffic-split': 'versions, weightSchedule or routes',
  bulkhead: "a caller's inbound.bulkheads",
  'fault-injection': "a caller's faultInjection",
  mirror: "a caller's mirror",
};

/**
 * The destinations reached through the caller's node Envoy, each with the policies that send them there (in
 * `l7Demands`' order, timeouts and retries left out); services not listed are reached through eBPF alone.
 */
export function envoyDestinations(config: SimulationConfig): Map<string, PolicyName[]> {
  const destinations = new Map<string, PolicyName[]>();
  for (const [service, demanded] of l7Demands(config)) {
    const causes = demanded.filter((policy) => !APPLICATION_RUN.has(policy));
    if (causes.length > 0) destinations.set(service, causes);
  }
  return destinations;
}

/**
 * The warning for `service`, reached through the node Envoy because of `causes`: the fields that asked for it, and
 * the timeouts and retries written on calls to it, which run in that Envoy rather than in the calling applications.
 */
export function envoyDestinationWarning(
  config: SimulationConfig,
  service: string,
  causes: readonly PolicyName[],
): string {
  const fields = causes.map((policy) => FIELD[policy] ?? policy).join(', ');
  const written = writtenPolicies(config, service);
  const what = [written.timeout ? 'timeout' : '', written.retry ? 'retry' : '']
    .filter((w) => w !== '')
    .join(' and ');
  const tail =
    written.callers.length === 0
      ? ''
      : `; the ${what} written on calls from ${written.callers.join(', ')} ${what.includes(' and ') ? 'run' : 'runs'} ` +
        'in that Envoy too, not in the calling ' +
        'applications (a service without such a policy is reached through eBPF alone, its callers keeping their own)';
  return (
    `cilium: calls to "${service}" go through the caller's node Envoy because of its ${fields} (Cilium sends a ` +
    "service's traffic to its Envoy only when configured to: a CiliumEnvoyConfig, an HTTPRoute, an L7 network " +
    `policy or the service.cilium.io/lb-l7 annotation)${tail}`
  );
}

/** The services whose calls to `service` write a timeout or retry, and which of the two they write. */
function writtenPolicies(
  config: SimulationConfig,
  service: string,
): { callers: string[]; timeout: boolean; retry: boolean } {
  const callers: string[] = [];
  let timeout = false;
  let retry = false;
  for (const caller of config.services) {
    for (const stage of caller.calls) {
      for (const call of stage) {
        if (call.to !== service || !call.policySet) continue;
        const hasTimeout = call.policy.timeoutMs !== Infinity;
        const hasRetry = call.policy.retry.maxAttempts > 1 || call.policy.perTryTimeoutMs !== Infinity;
        if (!hasTimeout && !hasRetry) continue;
        timeout ||= hasTimeout;
        retry ||= hasRetry;
        if (!callers.includes(caller.name)) callers.push(caller.name);
      }
    }
  }
  return { callers, timeout, retry };
}
