// The one rule every output of meshsim writes a duration or a simulated time by — a recovery, a time in a verdict's
// reason, a trigger's span, a table cell: `0 s`, `850 ms`, `5 s`, `1.5 s`, `15 min`, `2 h` (docs/output-formats.md).

/** `1.500` → `1.5`, `2.000` → `2`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * A duration [ms] in a unit that reads well: zero (or what rounds to it) as `0 s`, below a second in milliseconds
 * (`850 ms`, `0.25 ms`), else in seconds to the millisecond (`5 s`, `1.5 s`, `90 s`, `120.25 s`), a whole number of
 * minutes from 10 minutes on in minutes (`15 min`) and a whole number of hours in hours (`2 h`); `–` when not finite.
 * A negative one keeps its sign (`-50 s`). Zero has no size to pick a unit by: it takes the seconds of the run's
 * intervals (1 s or more), in which the durations beside it (recoveries, times in a run) mostly read, so a row or a
 * column does not read `0 ms` beside `1 s`.
 */
export function formatDuration(valueMs: number): string {
  if (!Number.isFinite(valueMs)) return '–';
  const magnitude = Math.abs(valueMs);
  if (magnitude < 1000) {
    const text = trimZeros(fixed(valueMs, 3));
    return text === '0' ? '0 s' : `${text} ms`;
  }
  if (magnitude >= 3_600_000 && valueMs % 3_600_000 === 0) return `${fixed(valueMs / 3_600_000, 0)} h`;
  if (magnitude >= 600_000 && valueMs % 60_000 === 0) return `${fixed(valueMs / 60_000, 0)} min`;
  return `${trimZeros(fixed(valueMs / 1000, 3))} s`;
}

/** `value` with `decimals` fixed decimals, never `-0`. */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}
