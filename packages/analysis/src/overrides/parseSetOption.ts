// Parses `--set path=values`: a dot path, then a comma list of values; an item `a..b:step` expands to
// a, a+step, …, ≤ b (numbers, optionally with one unit written on a, b and step: `100ms..500ms:100ms`).

import { OverrideError } from './OverrideError.js';
import type { OverrideValue, SetAxis } from './SetAxis.js';

/** Most values one range may expand to (a typo such as `1..100000:1` fails fast instead). */
export const MAX_RANGE_VALUES = 10_000;

const NUMBER_WITH_UNIT = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([a-zA-Z/%]*)$/;
const PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/**
 * `3` → 3, `true` → true, anything else stays a string. A value in quotes (`"1.20"`, `'2.10'`) stays a
 * string without them: what a release number needs, which a number would shorten (1.20 → 1.2).
 */
export function parseScalar(text: string): OverrideValue {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  if (quoted !== null) return quoted[2] as string;
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
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

function expandRange(item: string, option: string): { values: OverrideValue[]; open?: SetAxis['open'] } {
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
  for (let i = 0; i < count; i++) {
    const value = clean(low.value + i * step.value);
    values.push(low.unit === '' ? value : `${value}${low.unit}`);
  }
  return { values };
}

/**
 * Parses one `--set` option.
 *
 * @param text - `path=values`, e.g. `traffic.0.rate=200..2000:200` or `mesh=istio-sidecar,istio-ambient`.
 * @throws OverrideError naming the option for a missing `=`, a bad path, an empty value or a bad range.
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
  const path = text.slice(0, at).trim();
  const list = text.slice(at + 1);
  if (!PATH.test(path)) {
    throw new OverrideError([
      `--set ${text}: '${path}' is not a dot path such as services.checkout.replicas`,
    ]);
  }
  const items = list.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new OverrideError([`--set ${text}: empty value`]);
  const values: OverrideValue[] = [];
  let open: SetAxis['open'];
  for (const item of items) {
    if (item.includes('..')) {
      const range = expandRange(item, text);
      if (range.open !== undefined) {
        if (items.length > 1)
          throw new OverrideError([`--set ${text}: a range without a step (a..b) must be the only value`]);
        open = range.open;
      }
      values.push(...range.values);
    } else {
      values.push(parseScalar(item));
    }
  }
  return open === undefined ? { path, values } : { path, values, open };
}
