// isotope's percentages (pct/percentage.go): a JSON number in [0, 1], or a string `"X%"` with X in [0, 100].

/** isotope's `errorRate`: a number in [0, 1] or a string `"X%"` (pct/percentage.go). */
export function parseIsotopePercentage(value: unknown): number | undefined {
  if (typeof value === 'number') return value >= 0 && value <= 1 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$/.exec(value);
  if (match === null) return undefined;
  const fraction = Number(match[1]) / 100;
  return fraction <= 1 ? Number(fraction.toPrecision(12)) : undefined;
}
