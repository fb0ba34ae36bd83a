// Numbers for messages: thousands separated by commas, so that a limit of 1000000 reads as 1,000,000.

/**
 * The number, rounded to `decimals` places (trailing zeros dropped), with its whole part grouped by
 * thousands.
 *
 * @example
 * ```ts
 * groupThousands(1234567.5); // '1,234,567.5'
 * groupThousands(3828.217809742687); // '3,828.218'
 * ```
 */
export function groupThousands(value: number, decimals = 3): string {
  const factor = 10 ** decimals;
  const rounded = Number.isFinite(value) ? Math.round(value * factor) / factor : value;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
