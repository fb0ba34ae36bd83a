// Prints a duration in milliseconds the way a scenario file writes it: `10s`, `250ms`, `1.5s`, `500us`.

/** Rounds away binary noise (0.1 + 0.2) without losing real precision. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Formats milliseconds as a scenario duration: whole seconds (and sub-second values >= 1 s) in `s`,
 * whole or fractional milliseconds in `ms`, sub-millisecond values in `us`.
 *
 * @example
 * ```ts
 * formatDurationMs(10_000); // '10s'
 * formatDurationMs(1500);   // '1.5s'
 * formatDurationMs(250);    // '250ms'
 * formatDurationMs(0.5);    // '500us'
 * ```
 */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0ms';
  if (ms >= 1000 && Number.isInteger(tidy(ms / 10))) return `${String(tidy(ms / 1000))}s`;
  if (ms >= 1) return `${String(tidy(ms))}ms`;
  return `${String(tidy(ms * 1000))}us`;
}
