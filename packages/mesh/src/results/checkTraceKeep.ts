// Checks the tail-sampling rules of `simulate(config, { telemetry: { traceKeep } })`: errors name the field,
// the value and what is expected.

import type { TraceKeepOptions } from '../config/Telemetry.js';

/**
 * `keep` as given, or null when absent.
 * @throws {RangeError} naming the field: a non-object, `errors` not a boolean, `slowerThanMs` not a finite
 * number > 0, `share` not in (0, 1], or an unknown field (a misspelt rule would silently keep nothing).
 */
export function checkTraceKeep(keep: TraceKeepOptions | undefined): TraceKeepOptions | null {
  if (keep === undefined) return null;
  if (typeof keep !== 'object' || keep === null || Array.isArray(keep)) {
    throw new RangeError(
      `telemetry.traceKeep: expected { errors?: boolean, slowerThanMs?: number, share?: number } (got ${String(keep)})`,
    );
  }
  for (const field of Object.keys(keep)) {
    if (field !== 'errors' && field !== 'slowerThanMs' && field !== 'share') {
      throw new RangeError(
        `telemetry.traceKeep.${field}: unknown field (expected errors, slowerThanMs or share)`,
      );
    }
  }
  if (keep.errors !== undefined && typeof keep.errors !== 'boolean') {
    throw new RangeError(`telemetry.traceKeep.errors: expected a boolean, got ${String(keep.errors)}`);
  }
  const slower = keep.slowerThanMs;
  if (slower !== undefined && !(typeof slower === 'number' && slower > 0 && Number.isFinite(slower))) {
    throw new RangeError(
      `telemetry.traceKeep.slowerThanMs: expected a duration > 0 [ms], got ${String(slower)}`,
    );
  }
  const share = keep.share;
  if (share !== undefined && !(typeof share === 'number' && share > 0 && share <= 1)) {
    throw new RangeError(`telemetry.traceKeep.share: expected a share in (0, 1], got ${String(share)}`);
  }
  return keep;
}
