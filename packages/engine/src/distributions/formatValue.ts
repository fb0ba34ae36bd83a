// Renders a value for a distribution error message: numbers as `String(n)`, other values as short JSON.

/** Renders a value for an error message: numbers as `String(n)` (NaN, -5, Infinity), other values as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined || typeof value === 'function') return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}
