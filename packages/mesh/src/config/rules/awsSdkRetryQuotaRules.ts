// Rule table of the AWS SDK standard-mode retry quota (`retryBudget: { aws-sdk: … }`): the constants of
// the AWS SDK for JavaScript v3 (util-retry).

import type { RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const NON_NEGATIVE = { value: 0, source: RULE_ASSUMPTIONS.nonNegative } as const;
const sdk = (constant: string) => ({ cite: 'aws-sdk-retry', note: constant }) as const;

/** AWS SDK retry quota: a token bucket per client; retries pay, successes refund. */
export const AWS_SDK_RETRY_QUOTA_RULES = {
  id: 'aws-sdk-retry-quota',
  title: 'AWS SDK retry quota',
  scenarioPath: "services.*.destinationPolicy.retryBudget['aws-sdk']",
  configPath: "ServiceConfig.destination.retryBudget (RetryBudgetConfig, kind 'aws-sdk')",
  rows: [
    {
      field: 'capacity',
      kind: 'number',
      unit: 'tokens',
      min: NON_NEGATIVE,
      default: { value: 500, source: sdk('INITIAL_RETRY_TOKENS') },
      description: 'Quota tokens (the bucket starts full).',
    },
    {
      field: 'retryCost',
      kind: 'number',
      unit: 'tokens',
      min: NON_NEGATIVE,
      default: { value: 5, source: sdk('RETRY_COST') },
      description: 'Tokens a retry costs.',
    },
    {
      field: 'timeoutCost',
      kind: 'number',
      unit: 'tokens',
      min: NON_NEGATIVE,
      default: { value: 10, source: sdk('TIMEOUT_RETRY_COST') },
      description: 'Tokens a retry after a timeout costs.',
    },
    {
      field: 'successRefund',
      kind: 'number',
      unit: 'tokens',
      min: NON_NEGATIVE,
      default: { value: 1, source: sdk('NO_RETRY_INCREMENT') },
      description: 'Tokens a successful first try gives back.',
    },
  ],
} as const satisfies RuleTable;
