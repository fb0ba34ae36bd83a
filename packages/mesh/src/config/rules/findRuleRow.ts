// Looks up one row of a rule table by the field name a scenario writes.

import type { RuleRow, RuleTable } from './RuleRow.js';

/**
 * The row of `table` for `field` (as written in a scenario).
 *
 * @throws Error if the table has no such row (a programming error).
 */
export function findRuleRow(table: RuleTable, field: string): RuleRow {
  const row = table.rows.find((r) => r.field === field);
  if (row === undefined) throw new Error(`rule table "${table.id}" has no field "${field}"`);
  return row;
}
