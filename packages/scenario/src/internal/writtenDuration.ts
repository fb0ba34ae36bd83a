// A duration a file writes, named in a message with its unit: a bare number is milliseconds, which a message says, so
// that `duration: 60` (meant as a minute) is not mistaken in an error about it.

import { bareDurationReason } from '../units.js';
import { asText } from './show.js';

/**
 * A written duration as a message names it, always with a unit: as written when it has one (`45s`); a bare number
 * (a number, or a number in quotes) as milliseconds, saying so (`60 ms: a bare number is milliseconds; write 60s for
 * seconds`). Anything else as {@link asText} shows it.
 *
 * @example
 * ```ts
 * writtenDuration('45s'); // '45s'
 * writtenDuration(60); // '60 ms: a bare number is milliseconds; write 60s for seconds'
 * ```
 */
export function writtenDuration(value: unknown): string {
  if ((typeof value === 'number' || typeof value === 'string') && bareDurationReason(value) !== null) {
    const number = String(value).trim();
    return `${number} ms: a bare number is milliseconds; write ${number}s for seconds`;
  }
  return asText(value);
}
