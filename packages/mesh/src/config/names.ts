// The closed sets of names the model accepts, as runtime lists (for validation and help texts).

import type { JitterKind, RetryCondition } from './CallPolicy.js';

/** Every retry condition. */
export const RETRY_CONDITIONS: readonly RetryCondition[] = [
  'connect-failure',
  'reset',
  'overflow',
  '5xx',
  'gateway-error',
  'per-try-timeout',
];

/** Every jitter kind. */
export const JITTER_KINDS: readonly JitterKind[] = ['none', 'full', 'equal', 'decorrelated'];
