// Rule tables of a caller's own policy (on calls, traffic sources and `mesh.defaultPolicy`): the
// timeouts (`CallPolicy`), the retry policy (`RetryPolicy`) and its backoff (`BackoffPolicy`).

import { JITTER_KINDS, RETRY_CONDITIONS } from '../names.js';
import type { RuleDocField, RuleTable } from './RuleRow.js';

const POSITIVE = {
  value: 0,
  exclusive: true,
  source: { assumption: 'a timeout of 0 would fail every call at once' },
} as const;
/** Infinity in a config built in code: no timeout (what an omitted timeout resolves to). */
const NO_TIMEOUT = {
  word: null,
  source: { assumption: 'an omitted timeout is none: Infinity in the resolved config' },
} as const;
const ENVOY_ROUTER = {
  cite: 'envoy-router',
  note: 'fully jittered exponential backoff, 25 ms base',
} as const;
const ENVOY_RETRY_BACKOFF = { cite: 'envoy-route-proto', note: 'RetryBackOff.max_interval' } as const;

/** `timeout` and `perTryTimeout` of a call or traffic source; omitted: no timeout (Infinity). */
export const CALL_POLICY_RULES = {
  id: 'call-policy',
  title: 'Timeouts',
  scenarioPath: 'services.*.calls[], traffic[], mesh.defaultPolicy',
  configPath: 'CallConfig.policy, TrafficConfig.policy (CallPolicy)',
  rows: [
    {
      field: 'timeout',
      configField: 'timeoutMs',
      kind: 'duration',
      unit: 'ms',
      min: POSITIVE,
      unlimited: NO_TIMEOUT,
      default: { none: 'none' },
      description: 'Overall timeout of the call, retries included.',
    },
    {
      field: 'perTryTimeout',
      configField: 'perTryTimeoutMs',
      kind: 'duration',
      unit: 'ms',
      min: POSITIVE,
      unlimited: NO_TIMEOUT,
      default: { none: 'none' },
      description: 'Timeout of each attempt.',
    },
  ],
} as const satisfies RuleTable;

/**
 * `retryOn` and `backoff` of `retry` and `appRetry` (checked by the scenario schema), for their tables' docs.
 *
 * @param retryOn - What `retryOn` does, one sentence.
 * @param backoff - What `backoff` does, one sentence.
 * @param retryOnDefault - What an unwritten `retryOn` is.
 */
function retryDocFields(
  retryOn: string,
  backoff: string,
  retryOnDefault = '`[5xx]`',
): readonly RuleDocField[] {
  return [
    {
      field: 'retryOn',
      type: `list of ${RETRY_CONDITIONS.map((condition) => `\`${condition}\``).join(' | ')}`,
      default: retryOnDefault,
      description: retryOn,
    },
    {
      field: 'backoff',
      type: 'object `{ base, max, jitter }` (backoff table)',
      default: 'base `25ms`, max 10 × base, jitter `full` (Envoy)',
      description: backoff,
    },
  ];
}

/** `retry`: how often and when a failed attempt is tried again. */
export const RETRY_RULES = {
  id: 'retry',
  title: 'Retry',
  scenarioPath: 'services.*.calls[].retry, traffic[].retry, mesh.defaultPolicy.retry',
  configPath: 'CallPolicy.retry (RetryPolicy)',
  rows: [
    {
      field: 'attempts',
      configField: 'maxAttempts',
      kind: 'integer',
      unit: 'count',
      min: {
        value: 1,
        source: { assumption: 'attempts count the first try' },
        why: "attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0)",
      },
      max: {
        value: 100,
        source: {
          assumption:
            'Envoy and Istio default to 2–3 tries; 100 tries per call per hop is already a retry storm, and each try is work',
        },
      },
      default: { required: true },
      description:
        "TOTAL tries including the first (3 = 1 try + 2 retries). Istio's `attempts` counts retries only.",
    },
    {
      field: 'perTryTimeout',
      configField: 'perTryTimeoutMs',
      kind: 'duration',
      unit: 'ms',
      min: POSITIVE,
      default: { none: "the call's perTryTimeout" },
      description: 'Timeout of each attempt (Istio spelling; same as perTryTimeout on the call).',
    },
  ],
  docFields: retryDocFields(
    'Conditions that allow a retry (Envoy retry_on names).',
    'The wait before each retry.',
    "`[5xx]`; under the Istio shapes (where Istio's proxies retry), Istio's default conditions: `connect-failure` (and `overflow` before Istio 1.24)",
  ),
} as const satisfies RuleTable;

/**
 * `appRetry`: the calling application's own retries of a whole call, around the mesh's (its `retryOn` and `backoff`
 * are written as `retry`'s). The `attempts` row is `retry`'s, with its own description.
 */
export const APP_RETRY_RULES = {
  id: 'app-retry',
  title: 'Application retry',
  scenarioPath: 'services.*.calls[].appRetry',
  configPath: 'CallConfig.appRetry (RetryPolicy)',
  rows: [
    {
      ...RETRY_RULES.rows[0],
      description:
        "TOTAL tries the application makes including the first, each a new call through the mesh (which applies its own retries to each): 3 here × the mesh's 3 tries (Istio's `attempts: 2`, meshsim's `retry.attempts: 3`) = up to 9 tries.",
    },
  ],
  docFields: retryDocFields(
    'What the application re-issues the call on (Envoy retry_on names, on what it receives: its timeout counts as a 504, a local 503 as a 503, a refused or reset connection behind an Envoy hop as its 503).',
    "The application's wait before each re-issue (the same fields as `retry.backoff`).",
  ),
} as const satisfies RuleTable;

/** `retry.backoff`: the wait before each retry (Envoy's exponential backoff with jitter). */
export const BACKOFF_RULES = {
  id: 'backoff',
  title: 'Backoff',
  scenarioPath: 'retry.backoff, appRetry.backoff',
  configPath: 'RetryPolicy.backoff (BackoffPolicy)',
  rows: [
    {
      field: 'base',
      configField: 'baseMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'the waits grow from a positive base' } },
      default: { value: 25, by: 'Envoy', source: ENVOY_ROUTER },
      description: 'Base interval (with only max given: min(25ms, max)).',
    },
    {
      field: 'max',
      configField: 'maxMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, exclusive: true, source: { assumption: 'the waits grow from a positive base' } },
      atLeast: {
        field: 'base',
        ifOmitted: 'skip',
        source: { cite: 'envoy-route-proto', note: 'Envoy refuses a max_interval below base_interval' },
      },
      default: { derived: '10 × base (Envoy), i.e. 250ms', source: ENVOY_RETRY_BACKOFF },
      description: 'Cap on one wait.',
    },
    {
      field: 'jitter',
      kind: 'enum',
      unit: 'none',
      values: JITTER_KINDS,
      default: { value: 'full', by: 'Envoy', source: ENVOY_ROUTER },
      description: 'Jitter kind.',
    },
  ],
} as const satisfies RuleTable;
