// The warning for a duration or a memory size a `--set` gives as a bare number (`duration=5` is 5 ms, `nodeMemory=16`
// is 16 MiB), by the rule a file's own bare numbers are warned by, so the command line warns as the file would.

import { bareFieldAt } from './internal/bareNumbers.js';

/**
 * The warning for `value` given to the dotted field `path` of a scenario file (as `--set` writes it) when the field is
 * a duration or a memory size and the value a bare number other than 0 — `5 is 5 ms (a bare number is milliseconds);
 * …` (`bareDurationReason`), `16 is 16 MiB (a bare memory size is MiB here, where Kubernetes reads bytes); write
 * 16Gi for GiB, …` (the file's words) — or null: another field, a value with a unit, or 0. The kind of field is the
 * scenario's JSON Schema's; a CPU quantity, whose rule needs the scenario's nodes, is `bareCpuOverrideReason`'s.
 *
 * @example
 * ```ts
 * bareOverrideReason('nodeMemory', 16); // '16 is 16 MiB (a bare memory size is MiB here, …); write 16Gi for GiB, …'
 * bareOverrideReason('services.api.calls.0.timeout', 250); // '250 is 250 ms (a bare number is milliseconds); …'
 * bareOverrideReason('nodeMemory', '16Gi'); // null
 * ```
 */
export function bareOverrideReason(path: string, value: unknown): string | null {
  return path === '' ? null : bareFieldAt(path.split('.'), value);
}
