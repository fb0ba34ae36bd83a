// Kubernetes resource quantities (`500m`, `0.5`, `2`, `128Mi`, `1G`, `1e3`): CPU in cores, memory in MiB. A decimal
// quantity is read as the nearest double to its exact value (`3300m` is 3.3, not 3300 × 0.001).

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

/** A memory quantity in MiB (`128Mi` → 128, `1G` → 953.67…). */
export function parseMemoryMiB(text: unknown): number | undefined {
  const bytes = parseQuantity(text);
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}
