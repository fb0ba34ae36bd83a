// A CPU or memory quantity (a container's, a LimitRange default, a Node's size) checked as Kubernetes checks it: a
// quantity string (`250m`, `128Mi`), not negative, CPU not finer than 1m, memory a whole number of bytes; the reason
// when it is not (for the warning), and a doubt about memory below 1 MiB (`512`: 512 bytes, a unit left out).

import { MIN_CPU_CORES } from '@meshsim/mesh';

import { parseMemoryBytes, parseQuantity } from './parseQuantity.js';

/**
 * A quantity read: its value (cores or MiB), with a doubt when the value is valid but surely a typo (`"512" is 512
 * bytes (did you mean 512Mi?)`), or why it is refused (`"1.5.3" is not a Kubernetes quantity …`).
 */
export type QuantityReading =
  | { value: number; reason?: undefined; doubt?: string }
  | { value?: undefined; reason: string; doubt?: undefined };

/**
 * Memory below this many bytes (1 MiB) is read with a doubt: no container runs in so little (Docker refuses a memory
 * limit below 6 MiB: docs/sources.md#container-min-memory), so such a value is a unit left out (`512` for `512Mi`), not a size.
 * 1 MiB is well under any real request and limit, and above the bare count of any size below 1 TiB written without
 * its `Mi` (`512`, `4096`).
 */
export const LEAST_LIKELY_MEMORY_BYTES = 2 ** 20;

/** The largest amount meshsim holds exactly: 2^53 − 1 bytes (about 8 PiB), or millicores. */
const LARGEST_EXACT = Number.MAX_SAFE_INTEGER;

/** Why `text` is not a Kubernetes quantity, or undefined when it is one (negative or not). */
function notAQuantity(text: unknown, what: 'cpu' | 'memory'): string | undefined {
  if (parseQuantity(text) !== undefined) return undefined;
  const example = what === 'cpu' ? '250m, 0.5 or 2' : '128Mi, 1Gi or 500M';
  return `${JSON.stringify(text)} is not a Kubernetes quantity (such as ${example}), which Kubernetes rejects`;
}

/**
 * Reads a container's CPU quantity in cores. `0` is read (a request of nothing); a negative value, one finer than 1m
 * and one above 2^53 − 1 millicores are refused, as is anything that is not a Kubernetes quantity.
 *
 * @example
 * ```ts
 * readCpuQuantity('250m'); // { value: 0.25 }
 * readCpuQuantity('-1'); // { reason: '"-1" is negative, which Kubernetes does not allow' }
 * ```
 */
export function readCpuQuantity(text: unknown): QuantityReading {
  const bad = notAQuantity(text, 'cpu');
  if (bad !== undefined) return { reason: bad };
  const cores = parseQuantity(text) as number;
  const shown = JSON.stringify(text);
  if (cores < 0) return { reason: `${shown} is negative, which Kubernetes does not allow` };
  if (cores > 0 && cores < MIN_CPU_CORES) {
    return { reason: `${shown} is finer than 1m, which Kubernetes does not allow` };
  }
  if (!(cores * 1000 <= LARGEST_EXACT)) {
    return {
      reason: `${shown} is more than ${String(LARGEST_EXACT)} millicores, the most meshsim holds exactly`,
    };
  }
  return { value: cores };
}

/**
 * Reads a container's memory quantity in MiB (exact: a whole number of bytes over 2^20). `0` is read; a negative
 * value, a fraction of a byte (`512m` is 0.512 bytes: a typo for `512Mi`) and more than 2^53 − 1 bytes are refused,
 * as is anything that is not a Kubernetes quantity. A value above 0 and below 1 MiB ({@link LEAST_LIKELY_MEMORY_BYTES})
 * is read, with a doubt (`"512" is 512 bytes (did you mean 512Mi?)`).
 *
 * @example
 * ```ts
 * readMemoryQuantity('128Mi'); // { value: 128 }
 * readMemoryQuantity('512m'); // { reason: '"512m" is 0.512 bytes (did you mean 512Mi?)' }
 * readMemoryQuantity(512); // { value: 0.00048828125, doubt: '"512" is 512 bytes (did you mean 512Mi?)' }
 * ```
 */
export function readMemoryQuantity(text: unknown): QuantityReading {
  const bad = notAQuantity(text, 'memory');
  if (bad !== undefined) return { reason: bad };
  const bytes = parseMemoryBytes(text) as number;
  const shown = JSON.stringify(text);
  if (bytes < 0) return { reason: `${shown} is negative, which Kubernetes does not allow` };
  if (!(bytes <= LARGEST_EXACT)) {
    return {
      reason: `${shown} is more than ${String(LARGEST_EXACT)} bytes (about 8 PiB), the most meshsim holds exactly`,
    };
  }
  const milli = typeof text === 'string' && /^[^a-zA-Z]*m$/.test(text.trim());
  if (milli || !Number.isInteger(bytes)) {
    const hint = milli ? ` (did you mean ${text.trim().slice(0, -1)}Mi?)` : ', not a whole number of bytes';
    return { reason: `${shown} is ${String(Number(bytes.toPrecision(15)))} bytes${hint}` };
  }
  if (bytes > 0 && bytes < LEAST_LIKELY_MEMORY_BYTES) {
    // A bare number lacks its unit (`512` for `512Mi`); a small one with a unit (`100Ki`) is only said to be small.
    const written = String(text).trim();
    const hint = /^\d+$/.test(written)
      ? ` (did you mean ${written}Mi?)`
      : ', less than 1 MiB, which no container runs in';
    return { value: bytes / 2 ** 20, doubt: `${JSON.stringify(written)} is ${String(bytes)} bytes${hint}` };
  }
  return { value: bytes / 2 ** 20 };
}
