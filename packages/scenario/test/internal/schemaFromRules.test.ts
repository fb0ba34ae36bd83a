// The zod schema built from a rule table accepts exactly what the table allows (defaults, bounds,
// "unlimited"), rejects what it forbids with this package's messages, and describes each field with its default.

import {
  BACKOFF_RULES,
  CONNECTION_POOL_RULES,
  FAILURE_ACCRUAL_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  RULE_TABLES,
  findRuleRow,
} from '@meshsim/mesh';
import type { RuleRow } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formatRuleValue } from '../../src/internal/formatRuleValue.js';
import {
  ruleDescription,
  ruleFieldSchema,
  ruleRelations,
  ruleShape,
} from '../../src/internal/schemaFromRules.js';

const ROWS = RULE_TABLES.flatMap((table) =>
  table.rows.map((row) => [`${table.id}.${row.field}`, row] as const),
);

const WITH_UNIT = new Set<RuleRow['kind']>(['duration', 'percent', 'rate']);

const ok = (row: RuleRow, value: unknown): boolean => ruleFieldSchema(row).safeParse(value).success;

/** Values (as a scenario writes them) just outside the row's bounds. */
function outside(row: RuleRow): unknown[] {
  const out: unknown[] = [];
  const { min, max } = row;
  const step = row.kind === 'integer' ? 1 : 0.5;
  if (min !== undefined) out.push(min.exclusive === true ? min.value : min.value - step);
  if (max !== undefined) out.push(max.value + step);
  if (row.kind === 'integer') out.push((min?.value ?? 0) + 0.5);
  return out;
}

/** Values at the row's bounds (as numbers), which must pass. */
function atBounds(row: RuleRow): unknown[] {
  const out: unknown[] = [];
  if (row.min !== undefined) out.push(row.min.value + (row.min.exclusive === true ? 1 : 0));
  if (row.max !== undefined) out.push(row.max.value);
  if (row.unlimited?.word !== undefined && row.unlimited.word !== null) out.push(row.unlimited.word);
  return out;
}

describe('ruleFieldSchema', () => {
  it.each(ROWS)('%s accepts its default, as a number and as written, and its bounds', (_name, row) => {
    if ('value' in row.default) {
      expect(ok(row, row.default.value)).toBe(true);
      // Durations, percentages and rates are also written with their unit (10s, 20%, 500/s).
      if (WITH_UNIT.has(row.kind)) expect(ok(row, formatRuleValue(row, row.default.value))).toBe(true);
    }
    for (const value of atBounds(row)) expect(ok(row, value), String(value)).toBe(true);
  });

  it.each(ROWS.filter(([, row]) => outside(row).length > 0))(
    '%s rejects values just outside its bounds',
    (_name, row) => {
      for (const value of outside(row)) expect(ok(row, value), String(value)).toBe(false);
    },
  );

  it('checks bounds the JSON Schema cannot express, in strings with units too (ttl 1s to 60s)', () => {
    const ttl = findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'ttl');
    expect(ok(ttl, '1s')).toBe(true);
    expect(ok(ttl, '1m')).toBe(true);
    expect(ok(ttl, '999ms')).toBe(false);
    expect(ok(ttl, '61s')).toBe(false);
    const issue = ruleFieldSchema(ttl).safeParse('2m').error?.issues[0];
    expect(issue?.message).toBe('must be between 1s and 60s (Tower TpsBudget asserts this range) (got "2m")');
  });

  it('accepts the "unlimited" word only where the row allows it', () => {
    expect(ok(findRuleRow(CONNECTION_POOL_RULES, 'maxRetries'), 'unlimited')).toBe(true);
    expect(ok(findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'minRetriesPerSecond'), 'unlimited')).toBe(false);
  });
});

describe('ruleShape and ruleDescription', () => {
  it('makes a field optional unless its row is required, and describes it with its default and its source user', () => {
    const shape = ruleShape(CONNECTION_POOL_RULES);
    expect(Object.keys(shape)).toEqual([
      'maxConnections',
      'maxPendingRequests',
      'maxRequests',
      'maxRetries',
      'connectTimeout',
    ]);
    expect(z.strictObject(shape).safeParse({}).success).toBe(true);
    expect(ruleDescription(findRuleRow(CONNECTION_POOL_RULES, 'maxConnections'))).toBe(
      "Connections to the service. Default 1024 (Envoy; under istio-sidecar and istio-ambient: unlimited, Istio's 2³²−1).",
    );
    expect(ruleDescription(findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'ttl'))).toBe(
      'Window over which requests and retries count. Between 1s and 60s. Default 10s.',
    );
  });
});

describe('ruleRelations', () => {
  const accrual = z
    .strictObject(ruleShape(FAILURE_ACCRUAL_RULES))
    .superRefine(ruleRelations(FAILURE_ACCRUAL_RULES));
  const backoff = z.strictObject(ruleShape(BACKOFF_RULES)).superRefine(ruleRelations(BACKOFF_RULES));
  const messages = (schema: z.ZodType, value: unknown): string[] =>
    schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('compares with the default of an omitted side when the relation says so (failure accrual)', () => {
    expect(messages(accrual, { maxPenalty: '500ms' })).toEqual([
      'maxPenalty: must be >= minPenalty (default 1000ms) (got "500ms"): the penalty doubles from minPenalty up to maxPenalty',
    ]);
    expect(messages(accrual, { minPenalty: '2m' })).toEqual([
      'minPenalty: must be <= maxPenalty (default 60000ms) (got "2m"): the penalty doubles from minPenalty up to maxPenalty',
    ]);
    expect(messages(accrual, { minPenalty: '2s', maxPenalty: '1s' })).toEqual([
      'maxPenalty: must be >= minPenalty (2s) (got "1s"): the penalty doubles from minPenalty up to maxPenalty',
    ]);
    expect(messages(accrual, { minPenalty: '2s' })).toEqual([]);
  });

  it('compares only written sides when the relation skips omitted ones (backoff)', () => {
    expect(messages(backoff, { max: '10ms' })).toEqual([]);
    expect(messages(backoff, { base: '100ms', max: '50ms' })).toEqual([
      'max: must be >= base (100ms) (got "50ms"): Envoy refuses a max_interval below base_interval',
    ]);
  });
});
