// Rule table of gRPC retry throttling (`retryBudget: { grpc: … }`, gRFC A6): A6's example values and the
// ranges gRPC's service-config parsers accept.

import type { RuleTable } from './RuleRow.js';

const GREATER_THAN_ZERO = { cite: 'grpc-a6', note: 'must be greater than zero' } as const;
const EXAMPLE = { cite: 'grpc-a6', note: 'example value' } as const;

/** gRPC retry throttling: −1 token per failure, +tokenRatio per success, retries only above maxTokens / 2. */
export const GRPC_RETRY_THROTTLING_RULES = {
  id: 'grpc-retry-throttling',
  title: 'gRPC retry throttling',
  scenarioPath: 'services.*.destinationPolicy.retryBudget.grpc',
  configPath: "ServiceConfig.destination.retryBudget (RetryBudgetConfig, kind 'grpc')",
  rows: [
    {
      field: 'maxTokens',
      kind: 'number',
      unit: 'tokens',
      min: { value: 0, exclusive: true, source: GREATER_THAN_ZERO },
      max: {
        value: 1000,
        source: { cite: 'grpc-go-service-config', note: 'maxTokens out of range (0, 1000]' },
      },
      default: { value: 10, source: EXAMPLE },
      description: 'Token bucket size; retries stop at or below maxTokens / 2.',
    },
    {
      field: 'tokenRatio',
      kind: 'number',
      unit: 'tokens',
      min: { value: 0, exclusive: true, source: GREATER_THAN_ZERO },
      default: { value: 0.1, source: EXAMPLE },
      description: 'Tokens a success gives back (a failure takes 1).',
    },
  ],
} as const satisfies RuleTable;
