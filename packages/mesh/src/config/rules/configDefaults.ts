// The defaults of a rule table as a config object: each row with a value default, under its config
// field name and in its config unit (a percentage written, a ratio stored).

import type { RuleRow, RuleTable } from './RuleRow.js';

/** The config field of a row: `configField` when it has one, else the field as written. */
export type ConfigKeyOf<R extends RuleRow> = R extends { readonly configField: infer K extends string }
  ? K
  : R['field'];

/** The type a row's value has in the config (enums keep their values' union). */
export type ConfigValueOf<R extends RuleRow> = R['kind'] extends 'enum'
  ? R extends { readonly values: readonly (infer V)[] }
    ? V
    : never
  : R['kind'] extends 'boolean'
    ? boolean
    : number;

/** The config object of a table's value defaults (rows without a value default are left out). */
export type ConfigDefaults<T extends RuleTable> = {
  -readonly [
    R in T['rows'][number] as R['default'] extends { readonly value: unknown } ? ConfigKeyOf<R> : never
  ]: ConfigValueOf<R>;
};

/** The config field of `row`. */
export function configKey(row: RuleRow): string {
  return row.configField ?? row.field;
}

/** `value` (in the row's unit) in the row's config unit: a percentage becomes a ratio where the config stores one. */
export function toConfigUnit(row: RuleRow, value: number): number {
  return row.unit === 'percent' && row.configUnit === 'ratio' ? value / 100 : value;
}

/**
 * The value defaults of `table` as a config object (fresh on each call).
 *
 * @example
 * ```ts
 * configDefaults(CONNECTION_POOL_RULES); // { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 }
 * ```
 */
export function configDefaults<T extends RuleTable>(table: T): ConfigDefaults<T> {
  const out: Record<string, unknown> = {};
  for (const row of table.rows) {
    if (!('value' in row.default)) continue;
    const value = row.default.value;
    out[configKey(row)] = typeof value === 'number' ? toConfigUnit(row, value) : value;
  }
  return out as ConfigDefaults<T>;
}
