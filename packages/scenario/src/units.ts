// Parsers for the human-friendly quantities of scenario files: durations (`250ms`, `1.5s`), rates
// (`800/s`, `48000/m`) and memory sizes (`64Mi`, `50MB`). Bare numbers are milliseconds / requests per second.
// One linear scanner reads them all (no regular expression: a padded string cannot make it backtrack).

import { SCENARIO_LIMITS } from '@meshsim/mesh';

/** Milliseconds per duration unit accepted by {@link parseDurationMs}. */
const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Divisor turning a count per unit into a count per second, for {@link parseRate}. */
const RATE_UNITS_PER_S: Readonly<Record<string, number>> = {
  '': 1,
  '/s': 1,
  rps: 1,
  '/m': 60,
  '/min': 60,
  rpm: 60,
  '/h': 3600,
};

/**
 * Bytes per memory unit accepted by {@link parseByteSize}: every suffix of a Kubernetes memory quantity, as Kubernetes
 * reads it (binary `Ki` to `Ei`, decimal `k` to `E`: docs/sources.md#k8s-memory-units), and the byte units `B`,
 * `KiB/MiB/GiB`, `KB/kB/MB/GB`. Kubernetes' `m` (milli) is refused: {@link milliBytesReason}.
 */
const BYTE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  Ki: 1024,
  KiB: 1024,
  Mi: 1024 ** 2,
  MiB: 1024 ** 2,
  Gi: 1024 ** 3,
  GiB: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  k: 1000,
  KB: 1000,
  kB: 1000,
  M: 1000 ** 2,
  MB: 1000 ** 2,
  G: 1000 ** 3,
  GB: 1000 ** 3,
  T: 1000 ** 4,
  P: 1000 ** 5,
  E: 1000 ** 6,
};

/** The power of ten of each decimal unit of {@link BYTE_UNITS}, for reading it exactly ({@link parseByteSize}). */
const DECIMAL_BYTE_EXPONENTS: Readonly<Record<string, number>> = {
  k: 3,
  KB: 3,
  kB: 3,
  M: 6,
  MB: 6,
  G: 9,
  GB: 9,
  T: 12,
  P: 15,
  E: 18,
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;

// The patterns below are for the JSON Schema (editors): the code parses with scanQuantity, in one pass.
// They are written so that a regular-expression engine cannot backtrack on them more than linearly
// (one `\s*` between the number and the end, the unit optional after it), and the schema also caps
// their length.

/**
 * A duration string: a non-negative decimal with an optional unit `us`/`µs`, `ms`, `s`, `m`, `h`
 * (no unit = milliseconds). For the JSON Schema; {@link parseDurationMs} is the parser.
 */
export const DURATION_PATTERN = String.raw`^\s*${NUMBER}\s*(?:(?:us|µs|ms|s|m|h)\s*)?$`;

/** A rate string: a non-negative decimal with an optional unit `/s`, `rps`, `/m`, `/min`, `rpm`, `/h`. */
export const RATE_PATTERN = String.raw`^\s*${NUMBER}\s*(?:(?:/s|rps|/m|/min|rpm|/h)\s*)?$`;

/** A memory size with a unit: `64Mi`, `4G`, `64MiB`, `512Ki`, `1Gi`, `50MB`, `2KB`, `100B`. */
export const BYTE_SIZE_PATTERN = String.raw`^\s*${NUMBER}\s*(?:B|Ki|KiB|Mi|MiB|Gi|GiB|Ti|Pi|Ei|k|KB|kB|M|MB|G|GB|T|P|E)\s*$`;

/** A number and its unit, as {@link scanQuantity} read them. */
export interface ScannedQuantity {
  value: number;
  /** The number as written (`1.5`, `.5`, `3.`), without spaces. */
  written: string;
  /** The unit as written, `''` when there is none. */
  unit: string;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** One character of white space, as `\s` in a regular expression (tested one character at a time). */
const SPACE = /^\s$/;

function isSpace(text: string, at: number): boolean {
  return SPACE.test(text.charAt(at));
}

/**
 * Reads `text` as `<spaces> <decimal> <spaces> <unit> <spaces>` in a single left-to-right pass (no
 * regular expression, so no backtracking): the decimal is `12`, `1.5`, `1.` or `.5` — no sign, no
 * exponent — and the unit one of `units` (`''` allows none). Strings longer than
 * `SCENARIO_LIMITS.quantityLength` are refused before they are read.
 *
 * @returns The number and unit, or null when `text` is not of that form.
 * @example
 * ```ts
 * scanQuantity(' 1.5 s', ['', 'ms', 's']); // { value: 1.5, written: '1.5', unit: 's' }
 * ```
 */
export function scanQuantity(text: string, units: readonly string[]): ScannedQuantity | null {
  if (text.length > SCENARIO_LIMITS.quantityLength) return null;
  let i = 0;
  const n = text.length;
  while (i < n && isSpace(text, i)) i++;
  const start = i;
  let digits = 0;
  while (i < n && isDigit(text.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return null;
  const written = text.slice(start, i);
  const value = Number(written);
  while (i < n && isSpace(text, i)) i++;
  let end = n;
  while (end > i && isSpace(text, end - 1)) end--;
  const unit = text.slice(i, end);
  if (!units.includes(unit)) return null;
  return Number.isFinite(value) ? { value, written, unit } : null;
}

/**
 * True when `text` is a minus sign before a quantity `accepts` reads (`-5ms`, `-5/s`, `-64Mi`): a
 * negative quantity, which no field takes, so that messages can say so rather than name the syntax.
 */
export function isNegatedQuantity(text: string, accepts: (text: string) => boolean): boolean {
  const trimmed = text.trimStart();
  return trimmed.startsWith('-') && accepts(trimmed.slice(1));
}

/** A decimal with a decimal exponent, then the rest: `1e3ms` → 1, 3, ms (matched on at most `quantityLength` characters). */
const EXPONENT_FORM = /^(\d+(?:\.\d*)?|\.\d+)[eE]([-+]?\d{1,3})(\D.*|)$/s;

/** Longest plain decimal an exponent message writes out (`1e30ms` → write the number in full, no 31-digit example). */
const LONGEST_PLAIN_DECIMAL = 21;

/**
 * Why `text` is refused when it is a quantity `accepts` would read but for its exponent notation (`1e3ms`, `2.5E-1s`,
 * `1e15Gi`), which no quantity string takes: `exponent notation (1e3ms) is not supported: write 1000ms`; null for any
 * other text. (A bare YAML number such as `1e3` is a number, not a string, and is read as 1000.)
 *
 * @param accepts - Whether a text is a quantity of the field's kind (e.g. {@link isDurationText}).
 * @example
 * ```ts
 * exponentReason('1e3ms', isDurationText); // 'exponent notation (1e3ms) is not supported: write 1000ms'
 * exponentReason('250ms', isDurationText); // null
 * ```
 */
export function exponentReason(text: string, accepts: (text: string) => boolean): string | null {
  if (text.length > SCENARIO_LIMITS.quantityLength) return null;
  const trimmed = text.trim();
  const match = EXPONENT_FORM.exec(trimmed);
  if (match === null) return null;
  const [, mantissa, exponent, rest] = match as unknown as [string, string, string, string];
  const value = Number(`${mantissa}e${exponent}`);
  const plain = Number.isFinite(value)
    ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : '';
  // Whether the field takes the number with its unit at all (`1e3xyz` is not a quantity with a misplaced exponent).
  if (!accepts(`1${rest}`)) return null;
  const advice =
    plain !== '' && plain.length <= LONGEST_PLAIN_DECIMAL && Number(plain) === value
      ? `write ${plain}${rest}`
      : `write the number out in full`;
  return `exponent notation (${trimmed}) is not supported: ${advice}`;
}

/**
 * Why a quantity string was refused: its length, its sign (when `accepts` reads it without its minus
 * sign), its exponent notation, or its form (`expected`).
 */
function refusal(
  what: string,
  value: string,
  expected: string,
  accepts: (text: string) => boolean,
): RangeError {
  const shown =
    value.length > 40
      ? `${JSON.stringify(value.slice(0, 40)).slice(0, -1)}…" (${value.length} characters)`
      : JSON.stringify(value);
  return value.length > SCENARIO_LIMITS.quantityLength
    ? new RangeError(
        `invalid ${what} ${shown}: too long (at most ${SCENARIO_LIMITS.quantityLength} characters)`,
      )
    : new RangeError(
        `invalid ${what} ${shown}: ${isNegatedQuantity(value, accepts) ? 'cannot be negative' : (exponentReason(value, accepts) ?? expected)}`,
      );
}

const DURATION_UNITS = ['', ...Object.keys(DURATION_UNITS_MS)];
const RATE_UNITS = Object.keys(RATE_UNITS_PER_S);
const BYTE_UNITS_LIST = Object.keys(BYTE_UNITS);

function checkNumber(what: string, value: number, example: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`invalid ${what} ${String(value)}: must be a finite number >= 0 (e.g. ${example})`);
  }
  return value;
}

/** True when `text` is a duration string {@link parseDurationMs} reads. */
export function isDurationText(text: string): boolean {
  return scanQuantity(text, DURATION_UNITS) !== null;
}

/** True when `text` is a rate string {@link parseRate} reads. */
export function isRateText(text: string): boolean {
  return scanQuantity(text, RATE_UNITS) !== null;
}

/** True when `text` is a memory size {@link parseByteSize} reads. */
export function isByteSizeText(text: string): boolean {
  return scanQuantity(text, BYTE_UNITS_LIST) !== null;
}

/**
 * Parses a duration into milliseconds.
 *
 * Accepts `300us`, `250ms`, `2s`, `1.5s`, `5m`, `1h`, a bare number string (`"250"` = 250 ms) or a
 * number (milliseconds). Whitespace between number and unit is allowed (`"250 ms"`).
 *
 * @param value - The duration as written in a scenario.
 * @returns The duration [ms], finite and >= 0.
 * @throws RangeError if `value` is negative, not finite, or not in the syntax above.
 * @example
 * ```ts
 * parseDurationMs('1.5s'); // 1500
 * parseDurationMs('300us'); // 0.3
 * parseDurationMs(25); // 25
 * ```
 */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number') return checkNumber('duration', value, '250ms, 2s, 5m');
  const scanned = scanQuantity(value, DURATION_UNITS);
  if (scanned === null) {
    throw refusal(
      'duration',
      value,
      'expected a number with an optional unit us, ms, s, m or h (e.g. 250ms, 1.5s, 5m)',
      isDurationText,
    );
  }
  return scanned.value * (DURATION_UNITS_MS[scanned.unit === '' ? 'ms' : scanned.unit] as number);
}

/** A number as a quantity writes it without a unit (`5`, `2.5`, `.5`): milliseconds for a duration, cores for CPU. */
const BARE_NUMBER = new RegExp(String.raw`^\s*${NUMBER}\s*$`);

/**
 * The warning for a duration written as a bare number, which is milliseconds but easily meant as seconds — `5 is 5 ms
 * (a bare number is milliseconds); write 5s for seconds, or 5ms to keep milliseconds without this warning` — or null
 * for a duration with a unit, 0 (the same in every unit) or anything else. The one wording of this warning: of a
 * scenario file's durations (`bareDurationWarnings`) and of the CLI's `--duration 5`, `--set duration=5`,
 * `--max-wall-time 5` and `--trace-slower-than 5`, each prefixed with where the number was written.
 *
 * @param value - A duration as written: a number (a YAML or JSON number) or its text.
 * @example
 * ```ts
 * bareDurationReason(5); // '5 is 5 ms (a bare number is milliseconds); write 5s for seconds, or 5ms to keep …'
 * bareDurationReason('5s'); // null
 * ```
 */
export function bareDurationReason(value: number | string): string | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' ? !Number.isFinite(value) : !BARE_NUMBER.test(value)) return null;
  if (Number(text) === 0) return null;
  return (
    `${text} is ${text} ms (a bare number is milliseconds); ` +
    `write ${text}s for seconds, or ${text}ms to keep milliseconds without this warning`
  );
}

/** For a bare memory size in each unit: its suffix, and the next larger unit (its suffix, its name). */
const BARE_MEMORY_UNITS = {
  MiB: { suffix: 'Mi', larger: 'Gi', largerName: 'GiB' },
  KiB: { suffix: 'Ki', larger: 'Mi', largerName: 'MiB' },
} as const;

/**
 * The warning for a memory size written as a bare number other than 0, which is the field's unit (MiB, or KiB for a
 * profile's per-endpoint and per-connection memory) where Kubernetes reads a bare quantity as bytes — `16 is 16 MiB (a
 * bare memory size is MiB here, where Kubernetes reads bytes); write 16Gi for GiB, or 16Mi to keep MiB without this
 * warning`, in the form of {@link bareDurationReason} — or null for 0 and anything not a finite number.
 *
 * @param value - A memory size as written (a YAML or JSON number; a string needs its unit).
 * @param unit - The field's unit for a bare number.
 * @example
 * ```ts
 * bareMemoryReason(16, 'MiB'); // '16 is 16 MiB (a bare memory size is MiB here, where Kubernetes reads bytes); …'
 * ```
 */
export function bareMemoryReason(value: unknown, unit: 'MiB' | 'KiB'): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return null;
  const text = String(value);
  const { suffix, larger, largerName } = BARE_MEMORY_UNITS[unit];
  return (
    `${text} is ${text} ${unit} (a bare memory size is ${unit} here, where Kubernetes reads bytes); ` +
    `write ${text}${larger} for ${largerName}, or ${text}${suffix} to keep ${unit} without this warning`
  );
}

/**
 * Parses a request rate into requests per second.
 *
 * Accepts `800`, `800/s`, `800rps`, `48000/m` (= 800/s), `48000/min`, `48000rpm`, `2880000/h`, or a number
 * (requests per second).
 *
 * @param value - The rate as written in a scenario.
 * @returns The rate [req/s], finite and >= 0.
 * @throws RangeError if `value` is negative, not finite, or not in the syntax above.
 * @example
 * ```ts
 * parseRate('48000/m'); // 800
 * parseRate('800rps'); // 800
 * ```
 */
export function parseRate(value: string | number): number {
  if (typeof value === 'number') return checkNumber('rate', value, '800, 800/s, 48000/m');
  const scanned = scanQuantity(value, RATE_UNITS);
  if (scanned === null) {
    throw refusal(
      'rate',
      value,
      'expected a number with an optional unit /s, rps, /m, rpm or /h (e.g. 800/s, 48000/m)',
      isRateText,
    );
  }
  return scanned.value / (RATE_UNITS_PER_S[scanned.unit] as number);
}

/**
 * Why `text` is no memory size when it is a number in Kubernetes' milli suffix (`512m`: 0.512 bytes, which Kubernetes
 * reads but no memory is) — `512m is 0.512 bytes (Kubernetes' suffix m is milli: a thousandth of a byte); did you mean
 * 512Mi?` — or null for any other text.
 */
export function milliBytesReason(text: string): string | null {
  const scanned = scanQuantity(text, ['m']);
  if (scanned === null) return null;
  const written = text.trim().slice(0, -1).trim();
  return (
    `${written}m is ${String(Number((scanned.value / 1000).toPrecision(15)))} bytes (Kubernetes' suffix m is milli: a ` +
    `thousandth of a byte); did you mean ${written}Mi?`
  );
}

/**
 * Parses a memory size with a unit into bytes, as Kubernetes reads a memory quantity: binary `Ki`, `Mi`, `Gi`, `Ti`,
 * `Pi`, `Ei` (also `KiB`, `MiB`, `GiB`), decimal `k`, `M`, `G`, `T`, `P`, `E` (also `KB`/`kB`, `MB`, `GB`), or `B`;
 * a decimal unit exactly, as Kubernetes does (`1.001k` is 1001 bytes: the nearest double to the value written).
 * Kubernetes' `m` (milli) is refused with why ({@link milliBytesReason}). A unit is required (bare numbers mean different units in
 * different fields, so the scenario resolver handles them).
 *
 * @param value - The size as written in a scenario, e.g. `64Mi` or `50MB`.
 * @returns The size [bytes].
 * @throws RangeError if `value` is negative or not in the syntax above.
 * @example
 * ```ts
 * parseByteSize('64Mi'); // 67108864
 * parseByteSize('50MB'); // 50000000
 * parseByteSize('4G'); // 4000000000
 * ```
 */
export function parseByteSize(value: string): number {
  const scanned = scanQuantity(value, BYTE_UNITS_LIST);
  if (scanned === null) {
    throw refusal(
      'memory size',
      value,
      milliBytesReason(value) ??
        'expected a number with a unit: a Kubernetes suffix Ki, Mi, Gi, Ti, Pi, Ei, k, M, G, T, P, E, or B, KiB, MiB, GiB, KB, MB, GB (e.g. 64Mi, 4G)',
      isByteSizeText,
    );
  }
  // A decimal unit exactly, as Kubernetes reads a quantity: the nearest double to the value written (`1.001k` is 1001
  // bytes, where 1.001 × 1000 is 1000.9999999999999 in doubles). A binary unit's factor is a power of two: exact.
  const exponent = DECIMAL_BYTE_EXPONENTS[scanned.unit];
  if (exponent !== undefined) return Number(`${scanned.written}e${exponent}`);
  return scanned.value * (BYTE_UNITS[scanned.unit] as number);
}

/** A CPU quantity string: a non-negative decimal [cores], or one followed by `m` [millicores] (`500m`). */
export const CPU_PATTERN = String.raw`^\s*${NUMBER}\s*m?\s*$`;
const CPU_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*(m?)\s*$`);

/** True when `text` is a CPU quantity {@link parseCpuCores} reads (`2`, `0.5`, `500m`). */
export function isCpuText(text: string): boolean {
  return CPU_RE.test(text);
}

/**
 * Parses a CPU quantity the way Kubernetes writes one: cores (`2`, `0.5`) or millicores (`500m`).
 *
 * @param value - A number of cores, or a string such as `500m` or `1.5`.
 * @returns The quantity [cores].
 * @throws RangeError if `value` is not in the syntax above.
 * @example
 * ```ts
 * parseCpuCores('500m'); // 0.5
 * parseCpuCores(2); // 2
 * ```
 */
export function parseCpuCores(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = CPU_RE.exec(value);
  if (match === null) {
    throw new RangeError(
      `invalid CPU quantity ${JSON.stringify(value)}: ${exponentReason(value, isCpuText) ?? 'expected cores (2, 0.5) or millicores (500m)'}`,
    );
  }
  const number = Number(match[1]);
  return match[2] === 'm' ? number / 1000 : number;
}

/**
 * The fewest cores a bare CPU number of a container (a request or a limit) is warned of at: below it, a number of
 * cores is plausible, and is taken without a word. An assumption: millicores are written in tens or hundreds (`50m`,
 * `250m`), and containers of 16 cores or more are rare.
 */
export const BARE_CPU_MIN_CORES = 16;

/** The fewest cores a bare node size (`nodeCpu`) is warned of at: an assumption, more cores than any machine has. */
export const BARE_NODE_CPU_MIN_CORES = 1000;

/**
 * The warning for a CPU quantity written as a bare number implausible as cores, and so probably meant as millicores
 * (`cpuLimit: 500` for `500m`) — `500 is 500 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than
 * the largest node has (8 cores, nodeCpu); write 500m for millicores (0.5 cores)` — or null for a quantity with a unit,
 * anything else, or a plausible number of cores. A container's quantity is implausible from
 * {@link BARE_CPU_MIN_CORES} cores on when it is also more than the largest node the scenario writes (when it writes
 * one); a node's size (`nodeCpu`) from {@link BARE_NODE_CPU_MIN_CORES}.
 *
 * @param value - A CPU quantity as written: a number (a YAML or JSON number) or its text.
 * @param nodeCores - The largest node size the scenario writes [cores] (null: none), or `node` for a node's size.
 * @example
 * ```ts
 * bareCpuReason(500, 8); // '500 is 500 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than …'
 * bareCpuReason(4, 8); // null
 * bareCpuReason('500m', 8); // null
 * ```
 */
export function bareCpuReason(value: number | string, nodeCores: number | null | 'node'): string | null {
  if (typeof value === 'number' ? !Number.isFinite(value) : !BARE_NUMBER.test(value)) return null;
  const text = typeof value === 'number' ? String(value) : value.trim();
  const cores = Number(text);
  const context =
    nodeCores === 'node'
      ? cores >= BARE_NODE_CPU_MIN_CORES
        ? ', more than any machine has'
        : null
      : cores < BARE_CPU_MIN_CORES
        ? null
        : nodeCores === null
          ? ''
          : cores > nodeCores
            ? `, more than the largest node has (${nodeCores} core${nodeCores === 1 ? '' : 's'}, nodeCpu)`
            : null;
  if (context === null) return null;
  return (
    `${text} is ${text} cores (a bare CPU quantity is cores, as Kubernetes reads it)${context}; ` +
    `write ${text}m for millicores (${cores / 1000} core${cores === 1000 ? '' : 's'})`
  );
}

/** A CPU limit: a CPU quantity ({@link parseCpuCores}), or `unlimited` for none (Infinity). */
export function parseCpuLimit(value: string | number): number {
  return value === 'unlimited' ? Infinity : parseCpuCores(value);
}

/** A percentage string: a non-negative decimal followed by `%` (`12.5%`). */
export const PERCENT_PATTERN = String.raw`^\s*${NUMBER}\s*%\s*$`;

/** True when `text` is a percentage {@link parsePercent} reads. */
export function isPercentText(text: string): boolean {
  return scanQuantity(text, ['%']) !== null;
}

/**
 * Parses a percentage: a number (already a percentage: `12.5`) or a string with `%` (`"12.5%"`).
 *
 * @param value - The percentage as written in a scenario.
 * @returns The percentage [0–100 for valid scenario values; the range is the schema's job].
 * @throws RangeError if `value` is negative, not finite, or not in the syntax above.
 * @example
 * ```ts
 * parsePercent('12.5%'); // 12.5
 * parsePercent(50); // 50
 * ```
 */
export function parsePercent(value: string | number): number {
  if (typeof value === 'number') return checkNumber('percentage', value, '12.5, 12.5%');
  const scanned = scanQuantity(value, ['%']);
  if (scanned === null) {
    throw refusal(
      'percentage',
      value,
      'expected a number, optionally followed by % (e.g. 12.5%)',
      isPercentText,
    );
  }
  return scanned.value;
}
