// Parses `--set path=values`: a dot path, then a comma list of values, each value once (compared in the base unit of
// the field's quantity: `1s` and `1000ms` are one value); an item `a..b:step` expands to a, a+step, …, ≤ b (numbers,
// optionally with one unit written on a, b and step: `100ms..500ms:100ms`), and `null` removes the field
// (resolveWithOverrides).

import { settingNumber } from '../internal/settingQuantity.js';
import { OverrideError } from './OverrideError.js';
import type { OverrideValue, SetAxis, SetRange } from './SetAxis.js';

/** Most values one range may expand to (a typo such as `1..100000:1` fails fast instead). */
export const MAX_RANGE_VALUES = 10_000;

const NUMBER_WITH_UNIT = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([a-zA-Z/%]*)$/;
const PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/**
 * `3` → 3, `true` → true, `null` → null (remove the field), anything else stays a string. A value in quotes
 * (`"1.20"`, `'2.10'`, `"null"`) stays a string without them: what a release number needs, which a number would
 * shorten (1.20 → 1.2).
 */
export function parseScalar(text: string): OverrideValue {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  if (quoted !== null) return quoted[2] as string;
  if (trimmed === 'null') return null;
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/**
 * How to write `value` in a `--set` so that {@link parseScalar} reads it back: as is, or in quotes for a string that
 * would otherwise read as a number, a boolean or null (`"3"`, `"true"`) — so an error about a string a script passed
 * (`{ value: '3' }`) shows it as the string it is.
 */
export function writtenScalar(value: OverrideValue): string {
  if (typeof value !== 'string') return String(value);
  return parseScalar(value) === value ? value : JSON.stringify(value);
}

function splitNumber(text: string, option: string): { value: number; unit: string } {
  const match = NUMBER_WITH_UNIT.exec(text.trim());
  if (match === null)
    throw new OverrideError([
      `--set ${option}: '${text}' is not a number (a range is a..b:step, e.g. 200..2000:200)`,
    ]);
  return { value: Number(match[1]), unit: match[2] ?? '' };
}

/** Rounds away float noise from repeated additions (0.1 + 0.2 → 0.3). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

function expandRange(
  item: string,
  option: string,
): { values: OverrideValue[]; open?: SetAxis['open']; range?: SetRange } {
  const [span = '', stepText] = item.split(':');
  const [lowText = '', highText = ''] = span.split('..');
  const low = splitNumber(lowText, option);
  const high = splitNumber(highText, option);
  const units = new Set([low.unit, high.unit]);
  if (stepText === undefined) {
    if (units.size > 1) throw new OverrideError([`--set ${option}: the range's ends must use the same unit`]);
    if (!(high.value > low.value))
      throw new OverrideError([`--set ${option}: a range needs low < high (got ${item})`]);
    // Without a step the range is open: the two ends (what --boundary bisects between).
    const ends = [low.value, high.value].map((v) => (low.unit === '' ? v : `${v}${low.unit}`));
    return { values: ends, open: { low: low.value, high: high.value, unit: low.unit } };
  }
  const step = splitNumber(stepText, option);
  units.add(step.unit);
  if (units.size > 1)
    throw new OverrideError([
      `--set ${option}: a range's ends and step must use the same unit (got ${item})`,
    ]);
  if (!(step.value > 0))
    throw new OverrideError([`--set ${option}: a range's step must be > 0 (got ${stepText})`]);
  if (high.value < low.value)
    throw new OverrideError([`--set ${option}: a range needs low <= high (got ${item})`]);
  const count = Math.floor(clean((high.value - low.value) / step.value)) + 1;
  if (count > MAX_RANGE_VALUES) {
    throw new OverrideError([
      `--set ${option}: the range ${item} has ${count} values (at most ${MAX_RANGE_VALUES})`,
    ]);
  }
  const values: OverrideValue[] = [];
  let last = low.value;
  for (let i = 0; i < count; i++) {
    last = clean(low.value + i * step.value);
    values.push(low.unit === '' ? last : `${last}${low.unit}`);
  }
  const range: SetRange = { text: item, values };
  // A step that does not land on the end: the range stops below it (said by rangeNotes, not silently).
  if (last !== clean(high.value))
    range.endNotReached = low.unit === '' ? high.value : `${high.value}${low.unit}`;
  return { values, range };
}

/** How many values of a range {@link rangeNotes} lists before eliding the middle ones. */
const LISTED_VALUES = 6;

/**
 * What the user should know of `axis`'s ranges: one line per range whose step does not land on its end, e.g.
 * `--set traffic.0.rate: 200..800:250 runs 200, 450, 700 (800 is not a step from 200)`; empty when none.
 */
export function rangeNotes(axis: SetAxis): string[] {
  return (axis.ranges ?? []).flatMap((range) => {
    if (range.endNotReached === undefined) return [];
    const long = range.values.length > LISTED_VALUES;
    const shown = long
      ? `${range.values.slice(0, 2).map(String).join(', ')}, …, ${String(range.values.at(-1))}`
      : range.values.map(String).join(', ');
    const count = long ? `${range.values.length} values; ` : '';
    return [
      `--set ${axis.path}: ${range.text} runs ${shown} (${count}${String(range.endNotReached)} is not a step from ${String(range.values[0])})`,
    ];
  });
}

/** One value of a `--set` as given: the value, and the item it came from (a scalar, or a range that expanded to it). */
interface GivenValue {
  value: OverrideValue;
  item: string;
  fromRange: boolean;
}

/**
 * What two values of `path` are compared by, and how the message on a duplicate names it: a quantity by its number in
 * the base unit of the field's kind, as the store writes it (`1s`, `1000ms` and a bare `1000` in a duration are all
 * `1000 ms`; float noise of the conversion rounded away), any other value by its type and text (`2` and `2.0` are the
 * number 2; the strings `"1.2"` and `"1.20"` differ).
 */
function comparedAs(path: string, value: OverrideValue): { key: string; shown: string } {
  const { number, unit } = settingNumber(path, value);
  if (number !== null && unit !== null) {
    const base = clean(number);
    return { key: `quantity:${unit}:${base}`, shown: `${base} ${unit}` };
  }
  return { key: `${value === null ? 'null' : typeof value}:${String(value)}`, shown: String(value) };
}

/**
 * Where a value of a `--set` came from, for the message on a duplicate: `in 200..300:50` or `as 250`; with its
 * spelling when the other one differs (`as 200ms in 100ms..300ms:100ms`).
 */
function origin(given: GivenValue, spelled: boolean): string {
  if (!given.fromRange) return `as ${given.item}`;
  return spelled ? `as ${String(given.value)} in ${given.item}` : `in ${given.item}`;
}

/**
 * Refuses a value given twice in `values` (one run would count as two points: the same run key, or two keys of one
 * simulation), naming it and where each came from — both spellings when they differ (`1s` and `1000ms`).
 * @throws OverrideError naming the option, the value and its two origins.
 */
function checkEachValueOnce(text: string, path: string, values: readonly GivenValue[]): void {
  // A single value needs no comparison (nor the scenario schema that finds a field's quantity).
  if (values.length < 2) return;
  const seen = new Map<string, GivenValue>();
  for (const given of values) {
    const { key, shown } = comparedAs(path, given.value);
    const before = seen.get(key);
    if (before === undefined) {
      seen.set(key, given);
      continue;
    }
    const spelled = String(before.value) !== String(given.value);
    const [first, second] = [origin(before, spelled), origin(given, spelled)];
    const where = first === second ? '' : ` (${first} and ${second})`;
    throw new OverrideError([
      `--set ${text}: the value ${spelled ? shown : String(given.value)} is given twice${where}: an axis runs each value once (remove one)`,
    ]);
  }
}

/**
 * Parses one `--set` option.
 *
 * @param text - `path=values`, e.g. `traffic.0.rate=200..2000:200` or `mesh=istio-sidecar,istio-ambient`; a list index
 *   may be written in brackets, as errors print paths (`calls[0].retry.attempts`): the axis's path has `.0` instead.
 * @throws OverrideError naming the option for a missing `=`, a bad path, an empty value, a bad range or a value given
 *   twice (compared in the base unit of the field's quantity: `1s` and `1000ms` are one value).
 * @example
 * ```ts
 * parseSetOption('services.checkout.calls.0.retry.attempts=1,2,3');
 * // { path: 'services.checkout.calls.0.retry.attempts', values: [1, 2, 3] }
 * ```
 */
export function parseSetOption(text: string): SetAxis {
  const at = text.indexOf('=');
  if (at <= 0)
    throw new OverrideError([`--set ${text}: expected path=values, e.g. --set traffic.0.rate=200..2000:200`]);
  const written = text.slice(0, at).trim();
  // A list index in brackets, as errors print paths (`calls[0].retry`), is the same path as `calls.0.retry`.
  const path = written.replace(/\[(\d+)\]/g, '.$1');
  const list = text.slice(at + 1);
  if (!PATH.test(path)) {
    throw new OverrideError([
      `--set ${text}: '${written}' is not a dot path such as services.checkout.replicas (a list index is a number: calls.0 or calls[0])`,
    ]);
  }
  const items = list.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new OverrideError([
      `--set ${text}: empty value (to remove an optional field, as if the file did not write it: ${path}=null)`,
    ]);
  const given: GivenValue[] = [];
  const ranges: SetRange[] = [];
  let open: SetAxis['open'];
  for (const item of items) {
    if (item.includes('..')) {
      const range = expandRange(item, text);
      if (range.open !== undefined) {
        if (items.length > 1)
          throw new OverrideError([`--set ${text}: a range without a step (a..b) must be the only value`]);
        open = range.open;
      }
      if (range.range !== undefined) ranges.push(range.range);
      for (const value of range.values) given.push({ value, item, fromRange: true });
    } else {
      given.push({ value: parseScalar(item), item, fromRange: false });
    }
  }
  // Each value once: a value given twice would be one run counted as two points.
  checkEachValueOnce(text, path, given);
  const values = given.map((g) => g.value);
  return {
    path,
    values,
    ...(open !== undefined && { open }),
    ...(ranges.length > 0 && { ranges }),
  };
}
