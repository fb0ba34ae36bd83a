// Rule tables of Envoy outlier detection (`destinationPolicy.outlierDetection`, `OutlierDetectionConfig`):
// the main fields, and the parameters of its success-rate and failure-percentage ejection.

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const ENVOY = { cite: 'envoy-outlier-detection' } as const;
const COUNT_MIN = { value: 0, source: RULE_ASSUMPTIONS.nonNegative } as const;
const PERCENT_MIN = { value: 0, source: RULE_ASSUMPTIONS.percentOfWhole } as const;
const PERCENT_MAX = { value: 100, source: RULE_ASSUMPTIONS.percentOfWhole } as const;
const FROM_CODE = { word: null, source: RULE_ASSUMPTIONS.infinityFromCode } as const;

/** Envoy outlier detection per caller proxy (outlier_detection.proto defaults). */
export const OUTLIER_DETECTION_RULES = {
  id: 'outlier-detection',
  title: 'Envoy outlier detection',
  scenarioPath: 'services.*.destinationPolicy.outlierDetection',
  configPath: 'ServiceConfig.destination.outlierDetection (OutlierDetectionConfig)',
  rows: [
    {
      field: 'consecutive5xx',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: { value: 5, source: ENVOY },
      description: 'Consecutive 5xx before ejection; 0 disables.',
    },
    {
      field: 'consecutiveGatewayErrors',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: {
        value: 0,
        by: 'Envoy: enforcing 0 %',
        source: { cite: 'envoy-outlier-detection', note: 'enforcing_consecutive_gateway_failure 0 %' },
      },
      description: 'Consecutive 502/503/504 before ejection; 0 disables.',
    },
    {
      field: 'interval',
      configField: 'intervalMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: RULE_ASSUMPTIONS.positivePeriod },
      default: { value: 10_000, source: ENVOY },
      description: 'Time between ejection sweeps (success rate, failure percentage, un-ejection).',
    },
    {
      field: 'baseEjectionTime',
      configField: 'baseEjectionTimeMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: FROM_CODE,
      default: { value: 30_000, source: ENVOY },
      description: 'Ejection time, multiplied by the number of ejections of the host.',
    },
    {
      field: 'maxEjectionTime',
      configField: 'maxEjectionTimeMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: FROM_CODE,
      default: { value: 300_000, source: ENVOY },
      description: 'Cap on one ejection (taken as max(maxEjectionTime, baseEjectionTime)).',
    },
    {
      field: 'maxEjectionPercent',
      kind: 'percent',
      unit: 'percent',
      min: PERCENT_MIN,
      max: PERCENT_MAX,
      default: { value: 10, source: ENVOY },
      description:
        'An ejection must leave at most this percentage of hosts ejected (Envoy: with 10 % and fewer than 10 hosts, none is ejected).',
    },
    {
      field: 'alwaysEjectOneHost',
      kind: 'boolean',
      unit: 'none',
      default: { value: false, source: { cite: 'envoy-outlier-detection', note: 'always_eject_one_host' } },
      description:
        'Allow one ejection whenever no host is ejected, whatever maxEjectionPercent says (Envoy always_eject_one_host).',
    },
  ],
} as const satisfies RuleTable;

/** Success-rate ejection (`outlierDetection.successRate`), on by default in Envoy. */
export const SUCCESS_RATE_RULES = {
  id: 'outlier-success-rate',
  title: 'Outlier detection: success-rate ejection',
  scenarioPath: 'services.*.destinationPolicy.outlierDetection.successRate',
  configPath: 'OutlierDetectionConfig.successRate',
  rows: [
    {
      field: 'minimumHosts',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: { value: 5, source: ENVOY },
      description: 'Hosts with enough volume needed.',
    },
    {
      field: 'requestVolume',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: { value: 100, source: ENVOY },
      description: 'Requests per host per interval.',
    },
    {
      field: 'stdevFactor',
      kind: 'number',
      unit: 'ratio',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      unlimited: FROM_CODE,
      default: {
        value: 1.9,
        source: { cite: 'envoy-outlier-detection', note: 'success_rate_stdev_factor 1900' },
      },
      description: 'Eject below mean − stdevFactor × stdev.',
    },
  ],
} as const satisfies RuleTable;

/** Failure-percentage ejection (`outlierDetection.failurePercentage`), off by default in Envoy. */
export const FAILURE_PERCENTAGE_RULES = {
  id: 'outlier-failure-percentage',
  title: 'Outlier detection: failure-percentage ejection',
  scenarioPath: 'services.*.destinationPolicy.outlierDetection.failurePercentage',
  configPath: 'OutlierDetectionConfig.failurePercentage',
  rows: [
    {
      field: 'threshold',
      kind: 'percent',
      unit: 'percent',
      min: PERCENT_MIN,
      max: PERCENT_MAX,
      default: { value: 85, source: ENVOY },
      description: 'Eject hosts failing at least this percentage.',
    },
    {
      field: 'minimumHosts',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: { value: 5, source: ENVOY },
      description: 'Hosts with enough volume needed.',
    },
    {
      field: 'requestVolume',
      kind: 'integer',
      unit: 'count',
      min: COUNT_MIN,
      default: { value: 50, source: ENVOY },
      description: 'Requests per host per interval.',
    },
  ],
} as const satisfies RuleTable;
