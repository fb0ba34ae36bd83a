// The runtime check of a config against its rule table, so that a config built in code meets the same
// bounds as a scenario file: each error names the field path and the value.

import { configKey, toConfigUnit } from './configDefaults.js';
import { relationReason } from './relationReason.js';
import type { RuleRow, RuleTable } from './RuleRow.js';

const NUMERIC_KINDS: ReadonlySet<RuleRow['kind']> = new Set([
  'integer',
  'number',
  'duration',
  'percent',
  'probability',
  'rate',
  'size',
  'cpu',
]);

/**
 * Throws a RangeError naming `fieldPath` and `value` unless `value` meets `row` (in config units):
 * numbers must be finite (or Infinity where the row allows "unlimited"; null, which JSON writes for Infinity, is
 * refused with that reason), integers whole, within the bounds and at least the related field of `within`; enums
 * one of the values. Booleans are not checked. A bound's `why` follows the message after a colon.
 * Example message: `services.b.destination.retryBudget.retryRatio must be ≥ 0 (got -1)`.
 *
 * @param row - The rule.
 * @param value - The config value.
 * @param fieldPath - The field's full path, used in the message.
 * @param within - The row's table and the config object holding the field (for `atLeast` relations).
 */
export function checkField(
  row: RuleRow,
  value: unknown,
  fieldPath: string,
  within?: { readonly table: RuleTable; readonly values: object },
): void {
  if (row.kind === 'enum') {
    if (!(row.values ?? []).includes(value as string | number)) {
      const values = (row.values ?? []).map((v) => JSON.stringify(v)).join(', ');
      throw new RangeError(`${fieldPath} must be one of ${values} (got ${String(value)})`);
    }
    return;
  }
  if (!NUMERIC_KINDS.has(row.kind)) return;
  if (row.unlimited !== undefined && value === Infinity) return;
  const problems: string[] = [];
  // Why a bound is what it is, when the rule says (e.g. attempts counting the first try).
  let why: string | undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const unlimited = row.unlimited;
    problems.push(
      unlimited === undefined
        ? 'a finite number'
        : `a finite number or Infinity (${unlimited.word ?? 'none'})`,
    );
    // JSON has no Infinity: JSON.stringify writes it as null, which is not "no limit" here.
    if (value === null && row.unlimited !== undefined)
      why = 'JSON writes Infinity as null; put Infinity back';
  } else {
    if (row.kind === 'integer' && !Number.isInteger(value)) problems.push('an integer');
    const min = row.min;
    if (min !== undefined) {
      const bound = toConfigUnit(row, min.value);
      if (min.exclusive === true ? value <= bound : value < bound) {
        problems.push(`${min.exclusive === true ? '>' : '≥'} ${bound}`);
        why = min.why;
      }
    }
    const max = row.max;
    if (max !== undefined) {
      const bound = toConfigUnit(row, max.value);
      if (max.exclusive === true ? value >= bound : value > bound) {
        problems.push(`${max.exclusive === true ? '<' : '≤'} ${bound}`);
      }
    }
    const related = row.atLeast;
    const otherRow =
      related === undefined ? undefined : within?.table.rows.find((r) => r.field === related.field);
    if (problems.length === 0 && related !== undefined && otherRow !== undefined && within !== undefined) {
      const otherKey = configKey(otherRow);
      const other = (within.values as Record<string, unknown>)[otherKey];
      if (typeof other === 'number' && value < other) {
        problems.push(`≥ ${otherKey} (${other})`);
        why = relationReason(related);
      }
    }
  }
  if (problems.length > 0) {
    const reason = why === undefined ? '' : `: ${why}`;
    throw new RangeError(`${fieldPath} must be ${problems.join(' and ')} (got ${String(value)})${reason}`);
  }
}

/**
 * Checks every row of `table` against the config object `values` (each field read under its config
 * name), throwing a RangeError for the first field that breaks its rule. A row whose omission means something that is
 * not a value (`default: { none }`, e.g. a connection pool's `connectTimeout`: the mesh's) may be absent.
 *
 * @param table - The rule table.
 * @param values - The config object, e.g. a `ConnectionPoolConfig`.
 * @param path - Path of the object, prefixed to each field (e.g. `services.b.destination.connectionPool`).
 */
export function checkFields(table: RuleTable, values: object, path: string): void {
  for (const row of table.rows) {
    const key = configKey(row);
    if ('none' in row.default && (values as Record<string, unknown>)[key] === undefined) continue;
    checkField(row, (values as Record<string, unknown>)[key], `${path}.${key}`, { table, values });
  }
}
