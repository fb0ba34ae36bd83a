// Builds the zod schema of a policy object's fields from its rule table (packages/mesh config/rules):
// the type and range of each field, its description with the default (for the JSON Schema), and the
// relations between fields (maxPenalty >= minPenalty).

import type { RuleRelation, RuleRow, RuleTable } from '@meshsim/mesh';
import * as z from 'zod';
import { MIN_CPU_CORES, SCENARIO_LIMITS, relationReason } from '@meshsim/mesh';
import { isByteSizeText, isRateText, parseByteSize, parseCpuLimit, parseRate } from '../units.js';
import {
  Duration,
  IF_VALID,
  CpuQuantity,
  ifFieldsValid,
  durationForms,
  durationRangeProblem,
  MemorySize,
  Percent,
  PositiveDuration,
  Probability,
  RateValue,
  doc,
  durationOrNaN,
  integer,
  must,
  percentOrNaN,
} from '../schemaParts.js';
import { formatMs, formatRuleValue } from './formatRuleValue.js';
import { got } from './show.js';
import { writtenDuration } from './writtenDuration.js';

/** What a scenario may write for a row (before units are applied). */
export type RuleInput<R extends RuleRow> = R['kind'] extends 'integer'
  ? R extends { readonly unlimited: { readonly word: infer W extends string } }
    ? number | W
    : number
  : R['kind'] extends 'number' | 'probability'
    ? number
    : R['kind'] extends 'duration' | 'percent' | 'rate' | 'size' | 'cpu'
      ? number | string
      : R['kind'] extends 'boolean'
        ? boolean
        : R extends { readonly values: readonly (infer V)[] }
          ? V
          : never;

/** The zod shape of a table: one field per row, optional unless the row is required. */
export type RuleShape<T extends RuleTable> = {
  -readonly [R in T['rows'][number] as R['field']]: R['default'] extends { readonly required: true }
    ? z.ZodType<RuleInput<R>>
    : z.ZodOptional<z.ZodType<RuleInput<R>>>;
};

function unsupported(row: RuleRow, what: string): never {
  throw new Error(
    `schemaFromRules: row "${row.field}" (${row.kind}) has ${what}, which the schema cannot express`,
  );
}

/** `>= 1`, `> 0 and <= 1000`: the bounds of a row, for messages. */
function rangeText(row: RuleRow, format: (value: number) => string = String): string {
  const parts: string[] = [];
  if (row.min !== undefined)
    parts.push(`${row.min.exclusive === true ? '>' : '>='} ${format(row.min.value)}`);
  if (row.max !== undefined)
    parts.push(`${row.max.exclusive === true ? '<' : '<='} ${format(row.max.value)}`);
  return parts.join(' and ');
}

function integerSchema(row: RuleRow): z.ZodType {
  const min = row.min === undefined ? undefined : row.min.value + (row.min.exclusive === true ? 1 : 0);
  const max = row.max === undefined ? undefined : row.max.value - (row.max.exclusive === true ? 1 : 0);
  const minWhy = row.min?.why;
  let whole =
    min === undefined
      ? z.int(must('must be an integer'))
      : minWhy === undefined
        ? integer(min)
        : z.int(must('must be an integer')).min(min, must(`must be an integer >= ${min}: ${minWhy}`));
  if (max !== undefined) {
    const why = row.max !== undefined && 'cite' in row.max.source ? row.max.source.note : undefined;
    whole = whole.max(
      max,
      must(
        `must be an integer ${min === undefined ? `<= ${max}` : `between ${min} and ${max}`}${why === undefined ? '' : ` (${why})`}`,
      ),
    );
  }
  const word = row.unlimited?.word ?? null;
  if (word === null) return whole;
  const range = min === undefined ? '' : max === undefined ? ` >= ${min}` : ` between ${min} and ${max}`;
  const reason = `must be an integer${range} or "${word}"`;
  return z.union([whole, z.literal(word, must(reason))], must(reason));
}

function numberSchema(row: RuleRow): z.ZodType {
  const reason = must(`must be a number ${rangeText(row)}`);
  let schema = z.number();
  const { min, max } = row;
  if (min !== undefined)
    schema = min.exclusive === true ? schema.gt(min.value, reason) : schema.min(min.value, reason);
  if (max !== undefined)
    schema = max.exclusive === true ? schema.lt(max.value, reason) : schema.max(max.value, reason);
  return schema;
}

function durationSchema(row: RuleRow): z.ZodType {
  const { min, max } = row;
  if (min === undefined || min.value < 0) unsupported(row, 'no lower bound >= 0');
  const positive = min.value > 0 || min.exclusive === true;
  const extraMin = min.value > 0;
  if (!extraMin && max === undefined) return positive ? PositiveDuration : Duration;
  // The row's own bounds and the range of every duration (LIMIT_RULES), checked together: one message.
  const base = durationForms(positive).superRefine((value, ctx) => {
    const problem = durationRangeProblem(durationOrNaN(value), max?.value);
    if (problem !== null && !outsideRow(durationOrNaN(value))) {
      ctx.addIssue({ code: 'custom', message: got(problem, value) });
    }
  });
  const note = [min, max].map((b) => (b !== undefined && 'cite' in b.source ? b.source.note : undefined));
  const why = note[0] ?? note[1];
  const range =
    extraMin && max !== undefined
      ? `between ${formatMs(min.value)} and ${formatMs(max.value)}`
      : !extraMin && max !== undefined
        ? `at most ${formatMs(max.value)}`
        : rangeText(row, formatMs);
  function outsideRow(ms: number): boolean {
    return (
      (extraMin && (min?.exclusive === true ? ms <= (min?.value ?? 0) : ms < (min?.value ?? 0))) ||
      (max !== undefined && (max.exclusive === true ? ms >= max.value : ms > max.value))
    );
  }
  return base.refine(
    (d) => !outsideRow(durationOrNaN(d)),
    must(`must be ${range}${why === undefined ? '' : ` (${why})`}`),
  );
}

function percentSchema(row: RuleRow): z.ZodType {
  const { min, max } = row;
  if (min?.value !== 0 || max?.value !== 100 || max.exclusive === true)
    unsupported(row, 'bounds other than [0, 100]');
  if (min.exclusive !== true) return Percent;
  return Percent.refine((p) => percentOrNaN(p) > 0, { ...must('must be a percentage > 0'), ...IF_VALID });
}

function rateSchema(row: RuleRow): z.ZodType {
  const { min } = row;
  // Every rate is at most LIMIT_RULES' `rate` (RateValue checks it); a row may not allow more.
  if (row.max !== undefined && row.max.value > SCENARIO_LIMITS.maxRps)
    unsupported(row, 'a maximum above the largest rate');
  if (row.max !== undefined && row.max.value < SCENARIO_LIMITS.maxRps)
    unsupported(row, 'a maximum below the largest rate');
  if (min === undefined || (min.value === 0 && min.exclusive !== true)) return RateValue;
  const bound = min.value;
  const below = (rps: number): boolean => (min.exclusive === true ? rps <= bound : rps < bound);
  return RateValue.refine(
    (r) =>
      !(
        (typeof r === 'number' && below(r)) ||
        (typeof r === 'string' && isRateText(r) && below(parseRate(r)))
      ),
    must(`must be a rate ${min.exclusive === true ? '>' : '>='} ${bound} such as 500, 500/s or 30000/m`),
  );
}

/** Bytes per unit of a size row's bare numbers. */
const SIZE_UNIT_BYTES: Partial<Record<RuleRow['unit'], number>> = { bytes: 1, KiB: 1024, MiB: 1024 ** 2 };

function sizeSchema(row: RuleRow): z.ZodType {
  const { min, max } = row;
  if (min !== undefined && min.value !== 0) unsupported(row, 'a lower bound other than 0');
  if (max === undefined) return MemorySize;
  const unitBytes = SIZE_UNIT_BYTES[row.unit];
  if (unitBytes === undefined) unsupported(row, `a maximum in unit ${row.unit}`);
  const bytes = (value: number | string): number =>
    typeof value === 'number' ? value * unitBytes : isByteSizeText(value) ? parseByteSize(value) : Number.NaN;
  return MemorySize.refine(
    (value) => !(bytes(value) > max.value * unitBytes),
    must(`must be at most ${max.value} ${row.unit === 'bytes' ? 'bytes' : row.unit}`),
  );
}

function enumSchema(row: RuleRow): z.ZodType {
  const values = row.values ?? [];
  if (values.length === 0) unsupported(row, 'no values');
  if (values.every((v): v is string => typeof v === 'string')) {
    return z.enum(values as [string, ...string[]]);
  }
  return z.literal(values as [string | number, ...(string | number)[]]);
}

/**
 * The schema of one row's value (not optional, no description): the shared quantity schemas
 * (Duration, Percent, RateValue, …) narrowed to the row's bounds, with this package's messages.
 *
 * @throws Error if the row has bounds its kind cannot express (a mistake in the table).
 */
export function ruleFieldSchema<R extends RuleRow>(row: R): z.ZodType<RuleInput<R>> {
  return anyFieldSchema(row) as z.ZodType<RuleInput<R>>;
}

function anyFieldSchema(row: RuleRow): z.ZodType {
  switch (row.kind) {
    case 'integer':
      return integerSchema(row);
    case 'number':
      return numberSchema(row);
    case 'duration':
      return durationSchema(row);
    case 'percent':
      return percentSchema(row);
    case 'probability':
      if (row.min?.value !== 0 || row.max?.value !== 1) unsupported(row, 'bounds other than [0, 1]');
      return Probability;
    case 'rate':
      return rateSchema(row);
    case 'size':
      return sizeSchema(row);
    case 'cpu':
      if (row.min?.value !== MIN_CPU_CORES || row.min.exclusive === true || row.max !== undefined)
        unsupported(row, `bounds other than >= ${MIN_CPU_CORES} (1m)`);
      return row.unlimited?.word == null
        ? CpuQuantity
        : z.union([CpuQuantity, z.literal(row.unlimited.word)]);
    case 'boolean':
      return z.boolean();
    case 'enum':
      return enumSchema(row);
  }
}

/**
 * The bounds the JSON Schema cannot show for a row (they are checked by refinements), as a sentence:
 * `Between 1s and 60s.`, `Above 0%.`; empty when the schema's type says it all.
 */
function hiddenRange(row: RuleRow): string {
  const { min, max } = row;
  switch (row.kind) {
    case 'duration':
      if (min === undefined || (min.value === 0 && max === undefined)) return '';
      if (max !== undefined && min.value === 0) return ` At most ${formatMs(max.value)}.`;
      if (max !== undefined) return ` Between ${formatMs(min.value)} and ${formatMs(max.value)}.`;
      return ` At least ${formatMs(min.value)}.`;
    case 'percent':
      return min?.exclusive === true ? ` Above ${formatRuleValue(row, min.value)}.` : '';
    case 'rate':
      return min?.exclusive === true ? ` Above ${min.value} per second.` : '';
    default:
      return '';
  }
}

/**
 * The description of a row in the JSON Schema: its one line, the bounds the schema cannot show, and
 * its default (`… Default 1024 (Envoy).`).
 */
export function ruleDescription(row: RuleRow): string {
  const text = `${row.description}${hiddenRange(row)}`;
  const d = row.default;
  if ('value' in d) {
    return `${text} Default ${formatRuleValue(row, d.value)}${d.by === undefined ? '' : ` (${d.by})`}.`;
  }
  if ('none' in d) return `${text} Default: ${d.none}.`;
  if ('derived' in d) return `${text} Default: ${d.derived}.`;
  return text;
}

/**
 * The zod shape of `table`'s fields, in row order: each field's schema with its description,
 * optional unless the row is required. Spread it into a `z.strictObject`.
 */
export function ruleShape<T extends RuleTable>(table: T): RuleShape<T> {
  const shape: Record<string, z.ZodType> = {};
  for (const row of table.rows) {
    const schema = anyFieldSchema(row);
    shape[row.field] = doc('required' in row.default ? schema : schema.optional(), ruleDescription(row));
  }
  return shape as RuleShape<T>;
}

/** The value of a written field for a relation check (durations in ms), or NaN when it is not valid. */
function numberOf(row: RuleRow, value: unknown): number {
  if (row.kind === 'duration') return durationOrNaN(value);
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  try {
    if (row.kind === 'cpu') return parseCpuLimit(value);
    // A memory size in MiB (a number is already in the row's unit); a payload size in bytes.
    if (row.kind === 'size') return parseByteSize(value) / (row.unit === 'MiB' ? 1024 * 1024 : 1);
  } catch {
    // Not a quantity: the field's own schema says so.
  }
  return Number.NaN;
}

/** The default of a row as a number in its unit, for messages and checks. */
function defaultNumber(row: RuleRow): number {
  return 'value' in row.default && typeof row.default.value === 'number' ? row.default.value : Number.NaN;
}

/** `: <why>` after a relation's message, or nothing when its source says no reason. */
function reasonSuffix(relation: RuleRelation): string {
  const why = relationReason(relation);
  return why === undefined ? '' : `: ${why}`;
}

/**
 * A refinement checking `table`'s relations (`atLeast`) on a written object: with `ifOmitted: 'default'`
 * an omitted side takes its default (`must be >= minPenalty (default 1000ms)`); with `skip` both sides
 * must be written. Apply it with `.superRefine(ruleRelations(table), ifRelationFieldsValid(table))`: it runs
 * whatever else is wrong with the object, as long as the fields it compares are valid.
 */
export function ruleRelations(
  table: RuleTable,
): (value: Record<string, unknown>, ctx: z.RefinementCtx) => void {
  const relations = table.rows.flatMap((row) => {
    const other =
      row.atLeast === undefined ? undefined : table.rows.find((r) => r.field === row.atLeast?.field);
    return other === undefined || row.atLeast === undefined
      ? []
      : [{ row, other, ifOmitted: row.atLeast.ifOmitted, why: reasonSuffix(row.atLeast) }];
  });
  const show = (row: RuleRow, n: number): string => (row.kind === 'duration' ? `${n}ms` : String(n));
  // A duration written as a bare number is milliseconds: said, as in every message naming a written duration.
  const written = (row: RuleRow, v: unknown): string =>
    row.kind === 'duration' ? writtenDuration(v) : String(v);
  return (value, ctx) => {
    for (const { row, other, ifOmitted, why } of relations) {
      const maxWritten = value[row.field] !== undefined;
      const minWritten = value[other.field] !== undefined;
      if (ifOmitted === 'skip' && !(maxWritten && minWritten)) continue;
      const max = maxWritten ? numberOf(row, value[row.field]) : defaultNumber(row);
      const min = minWritten ? numberOf(other, value[other.field]) : defaultNumber(other);
      if (!(max < min)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [maxWritten ? row.field : other.field],
        message: maxWritten
          ? got(
              `must be >= ${other.field} (${minWritten ? written(other, value[other.field]) : `default ${show(other, min)}`})`,
              value[row.field],
            ) + why
          : got(`must be <= ${row.field} (default ${show(row, max)})`, value[other.field]) + why,
      });
    }
  };
}

/**
 * When `table`'s relations are checked: when the fields they compare are valid, whatever else is wrong with the
 * object (a misspelt field does not hide a request above its limit until it is fixed).
 */
export function ifRelationFieldsValid(table: RuleTable): ReturnType<typeof ifFieldsValid> {
  const fields = table.rows.flatMap((row) =>
    row.atLeast === undefined ? [] : [row.field, row.atLeast.field],
  );
  return ifFieldsValid(fields);
}
