// Durations as Go, protobuf JSON, Gateway API (GEP-2257) and Linkerd write them: a sequence of
// number+unit pairs (`1h30m`, `1.5s`, `300ms`, `10us`), plus Linkerd's `d` for days.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/gy;

/**
 * Parses a duration such as `1.5s`, `300ms`, `1h30m` or `0s` into milliseconds.
 *
 * @returns The duration in ms, or `undefined` if `text` is not a duration with units (a bare number is not).
 */
export function parseGoDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    end = PART.lastIndex;
  }
  return end === trimmed.length && Number.isFinite(total) ? total : undefined;
}
