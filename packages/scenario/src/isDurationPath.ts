// Whether a dotted field path of a scenario file (`services.api.calls.0.timeout`, as `--set` writes it) is a
// duration, so a bare number given to it (milliseconds) can be warned of as a file's would be.

import { isDurationField } from './internal/bareNumbers.js';

/**
 * Whether the field at the dotted `path` of a scenario file is a duration, by the scenario's JSON Schema (the one
 * source of which fields are durations). Unknown paths are not.
 *
 * @example
 * ```ts
 * isDurationPath('services.api.calls.0.retry.perTryTimeout'); // true
 * isDurationPath('traffic.0.rate'); // false
 * ```
 */
export function isDurationPath(path: string): boolean {
  return path !== '' && isDurationField(path.split('.'));
}
