// Rule table of the error-percentage circuit breaker (`destinationPolicy.errorRateBreaker`,
// `ErrorRateBreakerConfig`), Hystrix / resilience4j style, with Hystrix's defaults.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const hystrix = (property: string) => ({ cite: 'hystrix-configuration', note: property }) as const;

/** Error-rate breaker over a rolling window with half-open probes. */
export const ERROR_RATE_BREAKER_RULES = {
  id: 'error-rate-breaker',
  title: 'Error-rate breaker',
  scenarioPath: 'services.*.destinationPolicy.errorRateBreaker',
  configPath: 'ServiceConfig.destination.errorRateBreaker (ErrorRateBreakerConfig)',
  rows: [
    {
      field: 'failureRate',
      configField: 'failureRateThreshold',
      kind: 'percent',
      unit: 'percent',
      configUnit: 'ratio',
      min: {
        value: 0,
        exclusive: true,
        source: { assumption: 'a threshold of 0 % would open the breaker on any window' },
      },
      max: { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole },
      default: { value: 50, source: hystrix('circuitBreaker.errorThresholdPercentage') },
      description: 'Open when this percentage of the calls in the window failed.',
    },
    {
      field: 'minimumRequests',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a rate needs at least one call' } },
      default: { value: 20, source: hystrix('circuitBreaker.requestVolumeThreshold') },
      description: 'Calls needed in the window before the rate is judged.',
    },
    {
      field: 'window',
      configField: 'windowMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: RULE_ASSUMPTIONS.positivePeriod },
      default: { value: 10_000, source: hystrix('metrics.rollingStats.timeInMilliseconds') },
      description: 'Rolling window.',
    },
    {
      field: 'openFor',
      configField: 'openMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      default: { value: 5000, source: hystrix('circuitBreaker.sleepWindowInMilliseconds') },
      description: 'Time open before half-open probes.',
    },
    {
      field: 'halfOpenProbes',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'closing needs at least one successful probe' } },
      default: { value: 1, source: { cite: 'hystrix-configuration', note: 'one test request' } },
      description: 'Probe calls while half-open; all must succeed to close.',
    },
  ],
} as const satisfies RuleTable;
