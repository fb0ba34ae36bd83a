// isotope's byte sizes (docker/go-units `RAMInBytes`): a number, an optional space, an optional
// k/m/g/t/p prefix (powers of 1024), an optional `i` and an optional `b`, case-insensitive: `1 KB`, `10K`, `16KiB`.

const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const MULTIPLIER: Readonly<Record<string, number>> = {
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/**
 * Parses an isotope byte size into bytes (`1 KB` → 1024); a JSON number is already bytes.
 *
 * @returns The size in bytes, or `undefined` if it is not a size.
 */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = SIZE.exec(value.trim());
  if (match === null) return undefined;
  const prefix = (match[2] ?? '').toLowerCase();
  return Math.trunc(Number(match[1]) * (prefix === '' ? 1 : (MULTIPLIER[prefix] ?? Number.NaN)));
}
