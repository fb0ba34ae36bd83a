// The `retryOn` entries Istio's validation refuses, as its webhook checks them: the text is split at commas, not
// trimmed, and each entry must be an Envoy retry policy Istio lists or an HTTP status code Go has a name for.

/** Istio's `supportedRetryOnPolicies` (pkg/config/validation/validation.go, master). */
const SUPPORTED = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** The status codes Go's `http.StatusText` names (net/http/status.go), which Istio takes as retry codes. */
const NAMED_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/**
 * The entries of `retryOn` (as written, spaces kept) that Istio's `ValidateHTTPRetry` refuses, so that the API server
 * refuses the whole VirtualService: an unknown policy, a padded one (`"5xx, 503"` holds `" 503"`), an empty one (a
 * trailing comma), or a number Go names no status for.
 *
 * @example
 * ```ts
 * refusedRetryOn('5xx,503'); // []
 * refusedRetryOn('gateway-error, 503 ,bogus'); // [' 503 ', 'bogus']
 * ```
 */
export function refusedRetryOn(text: string): string[] {
  return text.split(',').filter((entry) => !SUPPORTED.has(entry) && !NAMED_STATUS.has(goAtoi(entry)));
}

/** Go's `strconv.Atoi` as Istio uses it (the error ignored): the integer `entry` spells, else 0. */
function goAtoi(entry: string): number {
  return /^[+-]?\d+$/.test(entry) ? Number(entry) : 0;
}
