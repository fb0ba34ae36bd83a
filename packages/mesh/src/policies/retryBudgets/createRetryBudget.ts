// Builds the retry-budget policy of a RetryBudgetConfig (Linkerd, Envoy, gRPC or AWS SDK kind).

import type { RetryBudgetConfig } from '../../config/PolicyConfig.js';
import type { ClientPolicy } from '../../call/ClientPolicy.js';
import { AwsRetryQuota } from './AwsRetryQuota.js';
import { EnvoyRetryBudget } from './EnvoyRetryBudget.js';
import { GrpcRetryThrottle } from './GrpcRetryThrottle.js';
import { LinkerdRetryBudget } from './LinkerdRetryBudget.js';

/**
 * A new retry-budget policy for `config` (one per upstream client: budgets are per client).
 * Throws a RangeError naming `path.field` and the value when a parameter is out of range.
 */
export function createRetryBudget(config: RetryBudgetConfig, path = 'retryBudget'): ClientPolicy {
  switch (config.kind) {
    case 'linkerd':
      return new LinkerdRetryBudget(config, path);
    case 'envoy':
      return EnvoyRetryBudget.budget(config, path);
    case 'grpc':
      return new GrpcRetryThrottle(config, path);
    case 'aws-sdk':
      return new AwsRetryQuota(config, path);
    default: {
      const kind = (config as { kind: unknown }).kind;
      throw new RangeError(`${path}.kind must be linkerd, envoy, grpc or aws-sdk (got ${String(kind)})`);
    }
  }
}
