// The cells of every CSV file meshsim writes (a run's tables, a comparison's, a sweep store's export): one rule for
// numbers, which drops floating-point noise (0.7999999999999999 → 0.8) and keeps the digits that matter, and RFC 4180
// quoting for text.

/** Decimal places a non-integer number keeps in CSV (at least {@link CSV_SIGNIFICANT_DIGITS} significant digits). */
export const CSV_DECIMALS = 6;

/** Significant digits a non-integer number keeps in CSV at least: a small one is not rounded to 0. */
export const CSV_SIGNIFICANT_DIGITS = 6;

/** Below this magnitude, {@link CSV_DECIMALS} decimals would keep fewer than {@link CSV_SIGNIFICANT_DIGITS} digits. */
const SMALL = 10 ** (CSV_SIGNIFICANT_DIGITS - CSV_DECIMALS - 1);

/**
 * A number as a CSV cell: an integer as it is; any other number rounded to {@link CSV_DECIMALS} decimal places, or
 * to {@link CSV_SIGNIFICANT_DIGITS} significant digits when that keeps more (magnitudes under 0.1), trailing zeros
 * dropped; `''` for NaN and ±Infinity.
 *
 * @example
 * ```ts
 * csvNumber(0.7999999999999999); // '0.8'
 * csvNumber(64.90367999999982); // '64.90368'
 * csvNumber(0.0123456789); // '0.0123457'
 * csvNumber(1.5e-9); // '1.5e-9'
 * csvNumber(2000); // '2000'
 * ```
 */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return value === 0 ? '0' : String(value);
  const rounded = Number(
    Math.abs(value) < SMALL ? value.toPrecision(CSV_SIGNIFICANT_DIGITS) : value.toFixed(CSV_DECIMALS),
  );
  // No -0.
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * A text CSV cell: as it is, or in double quotes (inner quotes doubled) when it holds a comma, a double quote or a
 * line break (RFC 4180).
 */
export function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
