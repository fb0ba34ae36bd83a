// Rule table of Envoy's connection-pool circuit-breaker thresholds (`destinationPolicy.connectionPool`,
// `ConnectionPoolConfig`): one row per threshold, with Envoy's defaults (Istio's shapes: 2³²−1, see
// MeshConfigBase.connectionPoolDefaults), and the connect timeout of the callers' proxies towards the service
// (Istio DestinationRule `connectionPool.tcp.connectTimeout`).

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const ENVOY = { cite: 'envoy-circuit-breakers' } as const;
/** Whose default it is: Envoy's, except where Istio programs the proxies (2³²−1 there). */
const BY = "Envoy; under istio-sidecar and istio-ambient: unlimited, Istio's 2³²−1";
const UNLIMITED = {
  word: 'unlimited',
  source: {
    cite: 'istio-destinationrule',
    note: "Istio's defaults are 2³²−1, i.e. no limit: what an unwritten threshold is under istio-sidecar and istio-ambient",
  },
} as const;

/** Envoy cluster circuit-breaker thresholds per caller proxy (circuit_breaker.proto defaults). */
export const CONNECTION_POOL_RULES = {
  id: 'connection-pool',
  title: 'Envoy connection-pool thresholds',
  scenarioPath: 'services.*.destinationPolicy.connectionPool',
  configPath: 'ServiceConfig.destination.connectionPool (ConnectionPoolConfig)',
  rows: [
    {
      field: 'maxConnections',
      kind: 'integer',
      unit: 'count',
      min: {
        value: 0,
        source: {
          cite: 'envoy-circuit-breakers',
          note: "Envoy takes 0 and still opens a connection to an endpoint whose pool has none (meshsim: 0 runs as 1); under Istio's shapes 0 is unset, as istiod reads it (warned)",
        },
      },
      unlimited: UNLIMITED,
      default: { value: 1024, by: BY, source: ENVOY },
      description: 'Connections to the service.',
    },
    {
      field: 'maxPendingRequests',
      kind: 'integer',
      unit: 'count',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: UNLIMITED,
      default: { value: 1024, by: BY, source: ENVOY },
      description: 'Requests waiting for a connection.',
    },
    {
      field: 'maxRequests',
      kind: 'integer',
      unit: 'count',
      min: {
        value: 0,
        source: {
          cite: 'envoy-circuit-breakers',
          note: "Envoy takes 0: every request overflows (warned); under Istio's shapes 0 is unset, as istiod reads it (warned)",
        },
      },
      unlimited: UNLIMITED,
      default: { value: 1024, by: BY, source: ENVOY },
      description: 'Requests in flight.',
    },
    {
      field: 'maxRetries',
      kind: 'integer',
      unit: 'count',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: UNLIMITED,
      default: { value: 3, by: BY, source: ENVOY },
      description: 'Retries in flight at once (replaced by an envoy retry budget).',
    },
    {
      field: 'connectTimeout',
      configField: 'connectTimeoutMs',
      kind: 'duration',
      unit: 'ms',
      min: {
        value: 1,
        source: { cite: 'istio-connect-timeout', note: 'Istio\'s API: "MUST be >=1ms"' },
      },
      default: {
        none: "the mesh's: Istio 10 s (MeshConfig connectTimeout), Consul 5 s",
      },
      description:
        "How long a caller's Envoy sidecar (istio-sidecar, consul) waits for a new connection to the service's pods before it fails (Envoy cluster connect_timeout).",
    },
  ],
} as const satisfies RuleTable;
