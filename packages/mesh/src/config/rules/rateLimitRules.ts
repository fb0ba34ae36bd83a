// Rule table of the local rate limit of a service's inbound traffic (`inbound.rateLimit`,
// `RateLimitConfig`): a token bucket, as Envoy's local rate limit filter.

import type { RuleTable } from './RuleRow.js';

/** Token-bucket rate limit; excess requests get 429 before queueing. */
export const RATE_LIMIT_RULES = {
  id: 'rate-limit',
  title: 'Local rate limit',
  scenarioPath: 'services.*.inbound.rateLimit',
  configPath: 'ServiceConfig.inbound.rateLimit (RateLimitConfig)',
  rows: [
    {
      field: 'rps',
      configField: 'ratePerSecond',
      kind: 'rate',
      unit: 'rps',
      min: {
        value: 0,
        exclusive: true,
        source: { assumption: 'a bucket that never refills admits nothing' },
      },
      max: {
        value: 1_000_000,
        source: { assumption: 'the largest rate of a scenario (limits: rate)' },
      },
      default: { required: true },
      description: 'Token refill rate: requests per second admitted in the long run.',
    },
    {
      field: 'burst',
      kind: 'number',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a bucket smaller than one token admits nothing' } },
      default: {
        derived: 'one second of rps (at least 1)',
        source: { assumption: 'a convenience default: the bucket holds one second of traffic' },
      },
      description: 'Bucket capacity (and initial fill): requests admitted at once.',
    },
    {
      field: 'scope',
      kind: 'enum',
      unit: 'none',
      values: ['instance', 'service'],
      default: {
        value: 'instance',
        source: { cite: 'envoy-local-rate-limit', note: 'one bucket per Envoy process' },
      },
      description: 'One bucket per instance (Envoy local rate limit) or one for the service.',
    },
  ],
} as const satisfies RuleTable;
