// checkFields and the runtime validators agree with the rule tables: for every numeric row, the
// validator that owns it accepts the values at its bounds and rejects NaN, the values just outside the
// bounds, fractions of integers and (unless "unlimited" is allowed) Infinity, naming the field and value.

import { describe, expect, it } from 'vitest';
import {
  AWS_SDK_RETRY_QUOTA_RULES,
  BULKHEAD_RULES,
  CODEL_RULES,
  CONNECTION_POOL_RULES,
  ENVOY_OUTLIER_DETECTION,
  ENVOY_RETRY_BUDGET_RULES,
  ERROR_RATE_BREAKER_RULES,
  FAILURE_ACCRUAL_RULES,
  FAILURE_PERCENTAGE_RULES,
  FAULT_DELAY_RULES,
  GRPC_RETRY_THROTTLING_RULES,
  LEAST_REQUEST_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  LOCALITY_AWARE_RULES,
  MIRROR_RULES,
  NO_INBOUND_POLICY,
  OUTLIER_DETECTION_RULES,
  PEAK_EWMA_RULES,
  QUEUE_TIMEOUT_RULES,
  RATE_LIMIT_RULES,
  RETRY_RULES,
  RULE_TABLES,
  SUCCESS_RATE_RULES,
  checkField,
  checkFields,
  configDefaults,
  configKey,
  simulate,
  toConfigUnit,
  validateInboundPolicy,
  validateOutlierDetection,
} from '../../../src/index.js';
import {
  EnvoyThresholds,
  ErrorRateBreaker,
  FailureAccrual,
  LeastRequestBalancer,
  LocalityAwareBalancer,
  PeakEwmaBalancer,
  createRetryBudget,
} from '../../../src/internal/index.js';
import type {
  FaultInjectionConfig,
  InboundPolicy,
  MirrorConfig,
  RetryBudgetConfig,
  RuleRow,
  RuleTable,
} from '../../../src/index.js';
import { call, config, poisson, service } from '../../__helpers__/configs.js';

type Values = Record<string, unknown>;

/** A valid config value for `row` (its default, or one inside its bounds), in config units. */
function validValue(row: RuleRow): unknown {
  if ('value' in row.default) {
    const v = row.default.value;
    return typeof v === 'number' ? toConfigUnit(row, v) : v;
  }
  if (row.kind === 'enum') return row.values?.[0];
  if (row.min === undefined) return 1;
  return toConfigUnit(row, row.min.value + (row.min.exclusive === true ? 1 : 0));
}

/** A valid config object of `table`. */
function validConfig(table: RuleTable): Values {
  return Object.fromEntries(table.rows.map((row) => [configKey(row), validValue(row)]));
}

const inbound = (policy: Partial<InboundPolicy>) => (): void =>
  validateInboundPolicy(service('s', { inbound: { ...NO_INBOUND_POLICY, ...policy }, calls: [[call('b')]] }));

const routed = (route: { mirror?: MirrorConfig; faultInjection?: FaultInjectionConfig }) => (): void => {
  simulate(
    config(
      [service('a', { calls: [[call('b', undefined, route)]] }), service('b'), service('c')],
      [poisson('a', 1)],
      { shape: 'istio-sidecar', durationMs: 1 },
    ),
  );
};

const budget = (kind: RetryBudgetConfig['kind']) => (v: Values) => () =>
  createRetryBudget({ kind, ...v } as RetryBudgetConfig, 'p');

/** Each table with a runtime check: how to run it on a config object, and the path its errors use. */
const CHECKED: readonly [RuleTable, (values: Values) => () => unknown, string][] = [
  [LINKERD_RETRY_BUDGET_RULES, budget('linkerd'), 'p'],
  [ENVOY_RETRY_BUDGET_RULES, budget('envoy'), 'p'],
  [GRPC_RETRY_THROTTLING_RULES, budget('grpc'), 'p'],
  [AWS_SDK_RETRY_QUOTA_RULES, budget('aws-sdk'), 'p'],
  [CONNECTION_POOL_RULES, (v) => () => new EnvoyThresholds(v as never, 'p'), 'p'],
  [
    OUTLIER_DETECTION_RULES,
    (v) => () => validateOutlierDetection({ ...ENVOY_OUTLIER_DETECTION, ...v }, 'p'),
    'p',
  ],
  [
    SUCCESS_RATE_RULES,
    (v) => () => validateOutlierDetection({ ...ENVOY_OUTLIER_DETECTION, successRate: v as never }, 'p'),
    'p.successRate',
  ],
  [
    FAILURE_PERCENTAGE_RULES,
    (v) => () => validateOutlierDetection({ ...ENVOY_OUTLIER_DETECTION, failurePercentage: v as never }, 'p'),
    'p.failurePercentage',
  ],
  [
    FAILURE_ACCRUAL_RULES,
    (v) => () => new FailureAccrual(v as never, { instances: [], endpoints: [] }, () => 0.5, 'p'),
    'p',
  ],
  [ERROR_RATE_BREAKER_RULES, (v) => () => new ErrorRateBreaker(v as never, 'p'), 'p'],
  [
    LEAST_REQUEST_RULES,
    (v) => () => new LeastRequestBalancer(() => 0.5, v['choiceCount'] as number),
    'loadBalancer',
  ],
  [
    PEAK_EWMA_RULES,
    (v) => () =>
      new PeakEwmaBalancer(() => 0.5, { now: 0 }, v['defaultRttMs'] as number, v['decayMs'] as number),
    'loadBalancer',
  ],
  [
    LOCALITY_AWARE_RULES,
    (v) => () => new LocalityAwareBalancer([], null, v['minHealthyPercent'] as number, 0),
    'loadBalancer',
  ],
  [RATE_LIMIT_RULES, (v) => inbound({ rateLimit: v as never }), 'service "s": inbound.rateLimit'],
  [
    QUEUE_TIMEOUT_RULES,
    (v) => inbound({ shedding: { kind: 'queue-timeout', ...v } as never }),
    'service "s": inbound.shedding',
  ],
  [
    CODEL_RULES,
    (v) => inbound({ shedding: { kind: 'codel', ...v } as never }),
    'service "s": inbound.shedding',
  ],
  [
    BULKHEAD_RULES,
    (v) => inbound({ bulkheads: { b: v['<service>'] as number } }),
    'service "s": inbound.bulkheads',
  ],
  // CallRoute keeps its own checks: these rows only have to agree with them.
  [MIRROR_RULES, (v) => routed({ mirror: { to: 'c', percent: v['percent'] as number } }), 'mirror'],
  [
    FAULT_DELAY_RULES,
    (v) => routed({ faultInjection: { delay: v as never, abort: null } }),
    'faultInjection.delay',
  ],
];

/** The path an error about `row` names, e.g. `p.ttlMs`; bulkheads name the downstream service. */
function pathOf(table: RuleTable, row: RuleRow, prefix: string): string {
  return table === BULKHEAD_RULES ? `${prefix}.b` : `${prefix}.${configKey(row)}`;
}

/** Values just outside the row's rule, in config units. */
function invalidValues(row: RuleRow): number[] {
  const out = [Number.NaN];
  if (row.unlimited === undefined) out.push(Infinity);
  if (row.min !== undefined) {
    const min = toConfigUnit(row, row.min.value);
    out.push(
      row.min.exclusive === true ? min : min - (row.kind === 'integer' ? 1 : 0.5 * toConfigUnit(row, 1)),
    );
  }
  if (row.max !== undefined) out.push(toConfigUnit(row, row.max.value + 0.5));
  if (row.kind === 'integer') out.push((row.min?.value ?? 0) + 1.5);
  return out;
}

/** Values at the row's bounds that must pass, in config units. */
function boundaryValues(row: RuleRow): number[] {
  const out: number[] = [];
  if (row.min !== undefined) {
    out.push(toConfigUnit(row, row.min.value + (row.min.exclusive === true ? 0.001 : 0)));
  }
  if (row.max !== undefined) out.push(toConfigUnit(row, row.max.value));
  if (row.unlimited !== undefined) out.push(Infinity);
  return out;
}

const NUMERIC = new Set(['integer', 'number', 'duration', 'percent', 'probability', 'rate', 'size']);
const CASES = CHECKED.flatMap(([table, run, prefix]) =>
  table.rows
    .filter((row) => NUMERIC.has(row.kind))
    .map((row) => [`${table.id}.${row.field}`, table, row, run, prefix] as const),
);

describe('runtime validators agree with the rule tables', () => {
  it('cover every table whose config a validator checks', () => {
    expect(CASES.length).toBeGreaterThan(40);
  });

  it.each(CASES)('%s', (_name, table, row, run, prefix) => {
    const base = validConfig(table);
    expect(run(base)).not.toThrow();
    const key = configKey(row);
    const related =
      row.atLeast === undefined ? undefined : table.rows.find((r) => r.field === row.atLeast?.field);
    for (const value of boundaryValues(row)) {
      // A relation's other field moves along, so that only this row's own bounds are tested.
      const values = {
        ...base,
        [key]: value,
        ...(related !== undefined && { [configKey(related)]: Math.min(value, 0) }),
      };
      expect(run(values), `${key} = ${value}`).not.toThrow();
    }
    const path = pathOf(table, row, prefix).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const value of invalidValues(row)) {
      expect(run({ ...base, [key]: value }), `${key} = ${value}`).toThrow(
        new RegExp(`${path}.*${String(value).replace('.', '\\.')}`),
      );
    }
  });
});

describe('checkField / checkFields', () => {
  it('names the field path, the rule and the value, as `path must be … (got …)`', () => {
    expect(() =>
      checkFields(LINKERD_RETRY_BUDGET_RULES, { retryRatio: -1, minRetriesPerSecond: 10, ttlMs: 1000 }, 'd'),
    ).toThrow(new RangeError('d.retryRatio must be ≥ 0 (got -1)'));
    expect(() =>
      checkFields(LINKERD_RETRY_BUDGET_RULES, { retryRatio: 0.2, minRetriesPerSecond: 1.5, ttlMs: 500 }, 'd'),
    ).toThrow('d.minRetriesPerSecond must be an integer (got 1.5)');
  });

  it('adds the rule’s reason for a bound, as a scenario file’s error does (attempts count the first try)', () => {
    const attempts = RETRY_RULES.rows.find((row) => row.field === 'attempts');
    expect(attempts).toBeDefined();
    expect(() => checkField(attempts as RuleRow, 0, 'traffic[0].policy.retry.maxAttempts')).toThrow(
      new RangeError(
        "traffic[0].policy.retry.maxAttempts must be ≥ 1 (got 0): attempts counts every try including the first, so 1 means no retries (Istio's attempts: 0)",
      ),
    );
  });

  it('checks a relation against the other field (maxPenalty >= minPenalty)', () => {
    const accrual = { ...configDefaults(FAILURE_ACCRUAL_RULES), minPenaltyMs: 2000, maxPenaltyMs: 1000 };
    expect(() => checkFields(FAILURE_ACCRUAL_RULES, accrual, 'f')).toThrow(
      'f.maxPenaltyMs must be ≥ minPenaltyMs (2000) (got 1000)',
    );
  });

  it('checks enums against their values and leaves booleans alone', () => {
    const scope = RATE_LIMIT_RULES.rows[2];
    expect(() => checkField(scope, 'pod', 'r.scope')).toThrow(
      'r.scope must be one of "instance", "service" (got pod)',
    );
    expect(() => checkField(scope, 'service', 'r.scope')).not.toThrow();
    expect(() => checkField(OUTLIER_DETECTION_RULES.rows[6], 'yes', 'o.alwaysEjectOneHost')).not.toThrow();
  });

  it('accepts every table’s own value defaults', () => {
    for (const table of RULE_TABLES) {
      const defaults = configDefaults(table) as Values;
      for (const row of table.rows) {
        if (configKey(row) in defaults)
          checkField(row, defaults[configKey(row)], table.id, { table, values: defaults });
      }
    }
  });
});
