// The columns of the run summary's tables, by key, in display order: one list each, shared by the text
// summary (renderText) and the HTML report's tables (html/runTables).

/** Edge table. */
export const EDGE_KEYS: readonly string[] = [
  'edge',
  'calls',
  'rateRps',
  'successRate',
  'latency.p50Ms',
  'latency.p99Ms',
  'retries',
  'timeouts',
  'rejected',
  'errors',
];
/** Client-side policy events table. */
export const POLICY_EVENT_KEYS: readonly string[] = ['edge', 'event', 'count'];
/** Service table. */
export const SERVICE_KEYS: readonly string[] = [
  'name',
  'instances',
  'concurrency',
  'utilisation',
  'arrived',
  'rejected',
  'errors',
  'wasted',
  'maxQueueLength',
  'latency.p99Ms',
];
/** Server-side protections table. */
export const PROTECTION_KEYS: readonly string[] = [
  'name',
  'rateLimited',
  'denied',
  'shed',
  'deadlineDropped',
  'cancelled',
];
/** Versions table. */
export const VERSION_KEYS: readonly string[] = ['name', 'instances', 'arrived', 'share', 'successRate'];
