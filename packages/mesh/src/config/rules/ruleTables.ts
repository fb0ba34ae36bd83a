// Every rule table, in the order the docs present them: policies first, then the scenario-level fields.

import { AWS_SDK_RETRY_QUOTA_RULES } from './awsSdkRetryQuotaRules.js';
import { BULKHEAD_RULES } from './bulkheadRules.js';
import { APP_RETRY_RULES, BACKOFF_RULES, CALL_POLICY_RULES, RETRY_RULES } from './callPolicyRules.js';
import { CALL_RULES } from './callRules.js';
import { CONNECTION_POOL_RULES } from './connectionPoolRules.js';
import { ENVOY_RETRY_BUDGET_RULES } from './envoyRetryBudgetRules.js';
import { ERROR_RATE_BREAKER_RULES } from './errorRateBreakerRules.js';
import { FAILURE_ACCRUAL_RULES } from './failureAccrualRules.js';
import { FAULT_ABORT_RULES, FAULT_DELAY_RULES } from './faultInjectionRules.js';
import { GRPC_RETRY_THROTTLING_RULES } from './grpcRetryThrottlingRules.js';
import { LINKERD_RETRY_BUDGET_RULES } from './linkerdRetryBudgetRules.js';
import { LIMIT_RULES } from './limitRules.js';
import { LEAST_REQUEST_RULES, LOCALITY_AWARE_RULES, PEAK_EWMA_RULES } from './loadBalancerRules.js';
import { MESH_OPTION_RULES } from './meshOptionRules.js';
import { MIRROR_RULES } from './mirrorRules.js';
import {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from './outlierDetectionRules.js';
import { RATE_LIMIT_RULES } from './rateLimitRules.js';
import { READINESS_PROBE_RULES } from './readinessProbeRules.js';
import type { RuleTable } from './RuleRow.js';
import { SCENARIO_RULES } from './scenarioRules.js';
import { SERVICE_RULES } from './serviceRules.js';
import { CODEL_RULES, QUEUE_TIMEOUT_RULES } from './sheddingRules.js';
import { TRAFFIC_RULES } from './trafficRules.js';
import { VERSION_RULES } from './versionRules.js';
import { ZONE_RULES } from './zoneRules.js';

/** Every rule table (ids are unique; docs markers name them). */
export const RULE_TABLES: readonly RuleTable[] = [
  LEAST_REQUEST_RULES,
  PEAK_EWMA_RULES,
  LOCALITY_AWARE_RULES,
  CONNECTION_POOL_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
  FAILURE_PERCENTAGE_RULES,
  FAILURE_ACCRUAL_RULES,
  ERROR_RATE_BREAKER_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  ENVOY_RETRY_BUDGET_RULES,
  GRPC_RETRY_THROTTLING_RULES,
  AWS_SDK_RETRY_QUOTA_RULES,
  RATE_LIMIT_RULES,
  QUEUE_TIMEOUT_RULES,
  CODEL_RULES,
  BULKHEAD_RULES,
  MIRROR_RULES,
  FAULT_DELAY_RULES,
  FAULT_ABORT_RULES,
  CALL_POLICY_RULES,
  RETRY_RULES,
  APP_RETRY_RULES,
  BACKOFF_RULES,
  SCENARIO_RULES,
  MESH_OPTION_RULES,
  ZONE_RULES,
  SERVICE_RULES,
  READINESS_PROBE_RULES,
  CALL_RULES,
  TRAFFIC_RULES,
  VERSION_RULES,
  LIMIT_RULES,
];
