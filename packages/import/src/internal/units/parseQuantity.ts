// Kubernetes resource quantities (`500m`, `0.5`, `2`, `128Mi`, `1G`, `1e3`): CPU in cores, memory in MiB.

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

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
  const number = Number(match[1]);
  if (match[2] !== undefined) return number * 10 ** Number(match[2].slice(1));
  return number * (SUFFIX[match[3] ?? ''] ?? Number.NaN);
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
