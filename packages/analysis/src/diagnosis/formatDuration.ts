// The one rule every output of meshsim writes a duration or a simulated time by — a recovery, a time in a verdict's
// reason, a trigger's span, a table cell: `850 ms`, `5 s`, `1.5 s`, `15 min`, `2 h` (docs/output-formats.md).

/** `1.500` → `1.5`, `2.000` → `2`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * A duration [ms] in a unit that reads well: below a second in milliseconds (`0 ms`, `850 ms`, `0.25 ms`), else in
 * seconds to the millisecond (`5 s`, `1.5 s`, `90 s`, `120.25 s`), a whole number of minutes from 10 minutes on in
 * minutes (`15 min`) and a whole number of hours in hours (`2 h`); `–` when not finite. A negative one keeps its sign
 * (`-50 s`).
 */
export function formatDuration(valueMs: number): string {
  if (!Number.isFinite(valueMs)) return '–';
  const magnitude = Math.abs(valueMs);
  if (magnitude < 1000) return `${trimZeros(fixed(valueMs, 3))} ms`;
  if (magnitude >= 3_600_000 && valueMs % 3_600_000 === 0) return `${fixed(valueMs / 3_600_000, 0)} h`;
  if (magnitude >= 600_000 && valueMs % 60_000 === 0) return `${fixed(valueMs / 60_000, 0)} min`;
  return `${trimZeros(fixed(valueMs / 1000, 3))} s`;
}

/** `value` with `decimals` fixed decimals, never `-0`. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}
