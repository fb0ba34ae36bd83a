// Writes a rule-table value the way a scenario file would (`10s`, `25ms`, `50%`, `500/s`), for the
// schema descriptions, the docs tables and error messages.

import type { RuleRow } from '@meshsim/mesh';

/** A duration in milliseconds as a scenario writes it: whole hours as `720h`, whole seconds as `10s`, anything else as `250ms`. */
export function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * `value` (in the row's unit) as a scenario writes it.
 *
 * @example
 * ```ts
 * formatRuleValue(ttlRow, 10_000); // '10s'
 * formatRuleValue(budgetPercentRow, 20); // '20%'
 * ```
 */
export function formatRuleValue(row: RuleRow, value: number | string | boolean): string {
  if (typeof value !== 'number') return String(value);
  switch (row.kind) {
    case 'duration':
      return formatMs(value);
    case 'percent':
      return `${value}%`;
    case 'rate':
      return `${value}/s`;
    case 'size':
      return row.unit === 'bytes' && value >= 1024 ** 2 && value % 1024 ** 2 === 0
        ? `${value / 1024 ** 2}Mi`
        : String(value);
    default:
      return String(value);
  }
}
