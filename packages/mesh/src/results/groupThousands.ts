// Numbers for messages: thousands separated by commas, so that a limit of 1000000 reads as 1,000,000.

/**
 * The number with its whole part grouped by thousands.
 *
 * @example
 * ```ts
 * groupThousands(1234567.5); // '1,234,567.5'
 * ```
 */
export function groupThousands(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
