// The Linkerd policy annotations the importer reads (linkerd.io 2.18 reference: "Retries", "Timeouts",
// "Circuit Breaking"), and where they sit in a resource.

/** Retry annotations (Service, HTTPRoute). */
export const LINKERD_RETRY_KEYS: readonly string[] = [
  'retry.linkerd.io/http',
  'retry.linkerd.io/grpc',
  'retry.linkerd.io/limit',
  'retry.linkerd.io/timeout',
];

/** Timeout annotations (Service, HTTPRoute). */
export const LINKERD_TIMEOUT_KEYS: readonly string[] = [
  'timeout.linkerd.io/request',
  'timeout.linkerd.io/response',
  'timeout.linkerd.io/idle',
];

/** The annotation that turns failure accrual on. */
export const ACCRUAL = 'balancer.linkerd.io/failure-accrual';
/** The prefix of the consecutive-failures parameters. */
export const CONSECUTIVE = `${ACCRUAL}-consecutive`;

/** Failure-accrual annotations (Service only). */
export const LINKERD_ACCRUAL_KEYS: readonly string[] = [
  ACCRUAL,
  `${CONSECUTIVE}-max-failures`,
  `${CONSECUTIVE}-min-penalty`,
  `${CONSECUTIVE}-max-penalty`,
  `${CONSECUTIVE}-jitter-ratio`,
];

/** Every Linkerd policy annotation the importer reads on a Service. */
export const LINKERD_SERVICE_ANNOTATIONS: readonly string[] = [
  ...LINKERD_RETRY_KEYS,
  ...LINKERD_TIMEOUT_KEYS,
  ...LINKERD_ACCRUAL_KEYS,
];

/** The field path of annotation `key`. */
export function annotationPath(key: string): string[] {
  return ['metadata', 'annotations', key];
}

/** True if any of `keys` is among `annotations`. */
export function hasAny(annotations: Record<string, string>, keys: readonly string[]): boolean {
  return keys.some((key) => annotations[key] !== undefined);
}
