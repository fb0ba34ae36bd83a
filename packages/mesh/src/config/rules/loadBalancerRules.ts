// Rule tables of the load balancers that take parameters (`destinationPolicy.loadBalancer`,
// `LoadBalancerConfig`): least-request, peak-EWMA and locality-aware.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const LINKERD_PROXY = { cite: 'linkerd-load-balancing' } as const;

/** Envoy LEAST_REQUEST: draw `choiceCount` endpoints, take the one with the fewest active requests. */
export const LEAST_REQUEST_RULES = {
  id: 'least-request',
  title: 'Least-request balancer',
  scenarioPath: "services.*.destinationPolicy.loadBalancer['least-request']",
  configPath: "ServiceConfig.destination.loadBalancer (LoadBalancerConfig, kind 'least-request')",
  rows: [
    {
      field: 'choiceCount',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a pick draws at least one endpoint' } },
      default: { value: 2, by: 'Envoy', source: { cite: 'envoy-cluster-proto', note: 'choice_count' } },
      description: 'Endpoints drawn per pick.',
    },
  ],
} as const satisfies RuleTable;

/** Linkerd's peak-EWMA: power of two choices over RTT estimate × (active + 1). */
export const PEAK_EWMA_RULES = {
  id: 'peak-ewma',
  title: 'Peak-EWMA balancer',
  scenarioPath: "services.*.destinationPolicy.loadBalancer['peak-ewma']",
  configPath: "ServiceConfig.destination.loadBalancer (LoadBalancerConfig, kind 'peak-ewma')",
  rows: [
    {
      field: 'defaultRtt',
      configField: 'defaultRttMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { value: 30, by: 'linkerd2-proxy', source: LINKERD_PROXY },
      description: 'RTT estimate of a new endpoint.',
    },
    {
      field: 'decay',
      configField: 'decayMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'the decay divides the elapsed time' } },
      unlimited: { word: null, source: RULE_ASSUMPTIONS.infinityFromCode },
      default: { value: 10_000, by: 'linkerd2-proxy', source: LINKERD_PROXY },
      description: 'Decay time of the EWMA.',
    },
  ],
} as const satisfies RuleTable;

/** Locality-aware balancing: the caller's zone, then its cluster, then anywhere. */
export const LOCALITY_AWARE_RULES = {
  id: 'locality-aware',
  title: 'Locality-aware balancer',
  scenarioPath: "services.*.destinationPolicy.loadBalancer['locality-aware']",
  configPath: "ServiceConfig.destination.loadBalancer (LoadBalancerConfig, kind 'locality-aware')",
  rows: [
    {
      field: 'minHealthyPercent',
      kind: 'percent',
      unit: 'percent',
      min: { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole },
      max: { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole },
      default: { required: true },
      description:
        'A locality tier (zone, then cluster) is used while at least this percentage of its instances is healthy.',
    },
  ],
} as const satisfies RuleTable;
