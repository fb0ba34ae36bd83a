// Prints a duration in milliseconds the way a scenario file writes it: `8760h`, `10s`, `250ms`, `1.5s`, `500us`.

/** Rounds away binary noise (0.1 + 0.2) without losing real precision. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Formats milliseconds as a scenario duration: whole hours in `h` (as the scenario loader's messages write them),
 * whole seconds (and sub-second values >= 1 s) in `s`, whole or fractional milliseconds in `ms`, sub-millisecond
 * values in `us`.
 *
 * @example
 * ```ts
 * formatDurationMs(31_536_000_000); // '8760h'
 * formatDurationMs(10_000); // '10s'
 * formatDurationMs(1500);   // '1.5s'
 * formatDurationMs(250);    // '250ms'
 * formatDurationMs(0.5);    // '500us'
 * ```
 */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0ms';
  if (ms >= 3_600_000 && Number.isInteger(tidy(ms / 3_600_000))) return `${String(tidy(ms / 3_600_000))}h`;
  if (ms >= 1000 && Number.isInteger(tidy(ms / 10))) return `${String(tidy(ms / 1000))}s`;
  if (ms >= 1) return `${String(tidy(ms))}ms`;
  return `${String(tidy(ms * 1000))}us`;
}
