// The docs rendering of a rule table: types and ranges as a scenario writes them, defaults with who
// uses them, and the source of every default and bound linked to docs/sources.md.

import {
  BACKOFF_RULES,
  CONNECTION_POOL_RULES,
  FAILURE_ACCRUAL_RULES,
  GRPC_RETRY_THROTTLING_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  RATE_LIMIT_RULES,
  findRuleRow,
} from '@meshsim/mesh';
import type { RuleTable } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { findRuleDocBlocks, rewriteRuleDocBlocks } from '../../src/internal/ruleDocBlocks.js';
import {
  describeRuleDefault,
  describeRuleType,
  renderRuleTable,
} from '../../src/internal/renderRuleTable.js';

describe('describeRuleType / describeRuleDefault', () => {
  it('writes types and ranges as a scenario does', () => {
    expect(describeRuleType(findRuleRow(CONNECTION_POOL_RULES, 'maxConnections'))).toBe(
      'integer >= 0 or `unlimited`',
    );
    expect(describeRuleType(findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'ttl'))).toBe('duration in [1s, 60s]');
    expect(describeRuleType(findRuleRow(GRPC_RETRY_THROTTLING_RULES, 'maxTokens'))).toBe(
      'number in (0, 1000]',
    );
    expect(describeRuleType(findRuleRow(FAILURE_ACCRUAL_RULES, 'minPenalty'))).toBe('duration');
    expect(describeRuleType(findRuleRow(RATE_LIMIT_RULES, 'rps'))).toBe('rate in (0, 1000000]');
    expect(describeRuleType(findRuleRow(RATE_LIMIT_RULES, 'scope'))).toBe('`instance` | `service`');
  });

  it('writes defaults with their unit and user, or what omitting the field means', () => {
    expect(describeRuleDefault(findRuleRow(LINKERD_RETRY_BUDGET_RULES, 'ttl'))).toBe('`10s`');
    expect(describeRuleDefault(findRuleRow(CONNECTION_POOL_RULES, 'maxRetries'))).toBe(
      "`3` (Envoy; under istio-sidecar and istio-ambient: unlimited, Istio's 2³²−1)",
    );
    expect(describeRuleDefault(findRuleRow(RATE_LIMIT_RULES, 'rps'))).toBe('**required**');
    expect(describeRuleDefault(findRuleRow(BACKOFF_RULES, 'max'))).toBe('10 × base (Envoy), i.e. 250ms');
  });
});

describe('renderRuleTable', () => {
  it('format style: field, type (with relations), default, meaning', () => {
    expect(
      renderRuleTable(FAILURE_ACCRUAL_RULES, { style: 'format', sourcesHref: 'sources.md' }).split('\n')[4],
    ).toBe('| `maxPenalty` | duration, >= `minPenalty` | `60s` | Cap on the penalty. |');
  });

  it('full style: a caption, the config field and unit, and the sources linked to docs/sources.md', () => {
    const lines = renderRuleTable(LINKERD_RETRY_BUDGET_RULES, {
      style: 'full',
      sourcesHref: '../sources.md',
    }).split('\n');
    expect(lines[0]).toContain('`services.*.destinationPolicy.retryBudget.linkerd` in a scenario');
    expect(lines[2]).toBe('| field | config field | unit | range | default | meaning | sources |');
    expect(lines[6]).toBe(
      '| `ttl` | `ttlMs` | ms | duration in [1s, 60s] | `10s` | Window over which requests and retries count. | ' +
        'default: [[linkerd-retries-serviceprofile]](../sources.md#linkerd-retries-serviceprofile); range: [[tower-tps-budget]](../sources.md#tower-tps-budget) (Tower TpsBudget asserts this range) |',
    );
  });
});

describe('rule-table blocks', () => {
  const tables = new Map<string, RuleTable>([[CONNECTION_POOL_RULES.id, CONNECTION_POOL_RULES]]);

  it('rewrites a block from its table and finds it again', () => {
    const page = 'intro\n\n<!-- rules:connection-pool format -->\nstale\n<!-- /rules -->\n\nafter\n';
    const next = rewriteRuleDocBlocks(page, tables, 'sources.md');
    expect(next.startsWith('intro\n\n<!-- rules:connection-pool format -->\n| field | type |')).toBe(true);
    expect(next.endsWith('<!-- /rules -->\n\nafter\n')).toBe(true);
    expect(findRuleDocBlocks(next)).toEqual([
      {
        id: 'connection-pool',
        style: 'format',
        body: renderRuleTable(CONNECTION_POOL_RULES, { style: 'format', sourcesHref: 'sources.md' }),
      },
    ]);
    expect(rewriteRuleDocBlocks(next, tables, 'sources.md')).toBe(next);
  });

  it('rejects a block naming an unknown table', () => {
    expect(() => rewriteRuleDocBlocks('<!-- rules:nope -->\n<!-- /rules -->', tables, 'sources.md')).toThrow(
      'unknown rule table "nope"',
    );
  });
});
