// Kubernetes resource quantities (`500m`, `0.5`, `2`, `128Mi`, `1G`, `1e3`): CPU in cores, memory in MiB. A decimal
// quantity is read as the nearest double to its exact value (`3300m` is 3.3, not 3300 × 0.001). A memory quantity with
// a memory suffix is read by the scenario's parser (`parseByteSize`), so that a manifest and a scenario read it alike.

import { parseByteSize } from '@meshsim/scenario';

/** The power of ten of each decimal suffix (`''` is none). */
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** The power of two of each binary suffix. */
const BINARY_EXPONENT: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * Parses a Kubernetes quantity into its plain value (`500m` → 0.5, `128Mi` → 134217728).
 *
 * @returns The value, or `undefined` if `text` is not a quantity.
 */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (match === null) return undefined;
  const number = match[1] as string;
  if (match[2] !== undefined) return Number(`${number}${match[2]}`);
  const suffix = match[3] ?? '';
  const binary = BINARY_EXPONENT[suffix];
  if (binary !== undefined) return Number(number) * 2 ** binary;
  return Number(`${number}e${String(DECIMAL_EXPONENT[suffix] ?? Number.NaN)}`);
}

/** A CPU quantity in cores (`250m` → 0.25). */
export function parseCpuCores(text: unknown): number | undefined {
  return parseQuantity(text);
}

/** The suffixes of a Kubernetes memory quantity (binary `Ki`…`Ei`, decimal `k`…`E`; `m`, `u` and `n` are not sizes). */
const MEMORY_SUFFIX = /^(?:[KMGTPE]i|[kMGTPE])$/;

/**
 * A memory quantity in bytes (`128Mi` → 134217728, `-1Gi` → −1073741824): with a memory suffix, the scenario's
 * `parseByteSize` reads it (with its sign, which a scenario's size never has); a bare number, an exponent (`1e3`) and
 * `m`/`u`/`n` (fractions of a byte, for the importer's refusal to name) are Kubernetes' plain value ({@link
 * parseQuantity}), as is a quantity longer than the scenario reads (64 characters).
 *
 * @returns The bytes, or `undefined` if `text` is not a quantity.
 */
export function parseMemoryBytes(text: unknown): number | undefined {
  if (typeof text !== 'string') return parseQuantity(text);
  const match = QUANTITY.exec(text.trim());
  if (match === null) return undefined;
  const signed = match[1] as string;
  const suffix = match[3];
  if (suffix === undefined || !MEMORY_SUFFIX.test(suffix)) return parseQuantity(text);
  const unsigned = signed.replace(/^[+-]/, '');
  let bytes: number;
  try {
    bytes = parseByteSize(`${unsigned}${suffix}`);
  } catch {
    return parseQuantity(text);
  }
  return signed.startsWith('-') ? -bytes : bytes;
}

/** A memory quantity in MiB (`128Mi` → 128, `1G` → 953.67…). */
export function parseMemoryMiB(text: unknown): number | undefined {
  const bytes = parseMemoryBytes(text);
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}
