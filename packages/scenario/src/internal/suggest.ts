// "Did you mean …?" suggestions for misspelt keys and names (Levenshtein distance <= 2), and for the names other
// tools give a field (`rps` for `rate`).

/** Edit distance between `a` and `b` (insertions, deletions, substitutions each cost 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `word` within `maxDistance` edits (ties: first candidate), comparing
 * case-insensitively; `undefined` when none is close enough.
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    // PERF: lengths further apart than maxDistance cannot be within it; skipping them keeps a hostile
    // 100,000-character word linear instead of quadratic (issue #12).
    const other = candidate.toLowerCase();
    if (Math.abs(lower.length - other.length) > maxDistance) continue;
    const distance = levenshtein(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * What other tools (load generators, Kubernetes, Helm charts, and the proxies' own configuration: Istio's
 * DestinationRule and VirtualService, Envoy's) call a field or a value of the scenario format, for hints only: suggested
 * when the field is one of the candidates (a sibling of the unknown key, or a value the field takes), so `rps` under
 * `traffic` suggests `rate` and `503` in `retryOn` suggests `overflow`. Keys are lower case. A Map, not an object
 * literal: a key such as `constructor` or `__proto__` must find nothing. Listed in docs/scenario-format.md
 * (Validation and errors).
 */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ['rps', ['rate']],
  ['qps', ['rate']],
  ['instances', ['replicas']],
  ['retries', ['retry']],
  ['cpu', ['nodeCpu', 'cpuLimit', 'cpuRequest']],
  ['latency', ['serviceTime']],
  // Under a cluster: node counts are per zone, the node size is nodeCpu.
  ['nodes', ['zones', 'nodeCpu']],
  // The cgroup version (and runtime) decides how requests become CPU weights.
  ['cgroup', ['cpuWeights']],
  ['cgroups', ['cpuWeights']],
  ['cpushares', ['cpuWeights']],
  // Envoy's outlier_detection (Istio's DestinationRule names get their own reason: istioFieldNames.ts).
  ['consecutivegatewayfailure', ['consecutiveGatewayErrors']],
  ['consecutive_gateway_failure', ['consecutiveGatewayErrors']],
  // Istio's DestinationRule connectionPool nests under tcp and http what meshsim writes flat (Envoy's circuit breakers):
  // istioPoolNames.ts tells each field inside its meshsim one; these hint when tcp or http holds no object.
  ['tcp', ['maxConnections', 'connectTimeout']],
  ['http', ['maxPendingRequests', 'maxRequests', 'maxRetries']],
  // Envoy's retry_back_off.
  ['baseinterval', ['base']],
  ['base_interval', ['base']],
  ['maxinterval', ['max']],
  ['max_interval', ['max']],
  // Retry conditions: Istio's retryOn takes status codes (a 503 the upstream answered is overflow; 502/504 are gateway
  // errors); a per-try timeout is its own condition here. Envoy's conditions with no meshsim outcome (and
  // retriable-status-codes) get their own reason: envoyRetryConditions.ts.
  ['503', ['overflow']],
  ['502', ['gateway-error']],
  ['504', ['gateway-error']],
  ['timeout', ['per-try-timeout']],
  // Kubernetes' name of a crash loop (the CrashLoopBackOff state), written as a fault's effect.
  ['crashloopbackoff', ['crashLoop']],
]);

/**
 * Why an object has no field that a reader coming from a sibling object looks for there, for the unknown-field error
 * only (hint-only, as {@link SYNONYMS}): keyed by where the object is — its field name, `[]` after a list's — and the
 * field, lower case. A Map for the same reason. Listed in docs/scenario-format.md (Validation and errors).
 */
const ABSENT_FIELDS: ReadonlyMap<string, string> = new Map([
  ...['timeout', 'pertrytimeout'].map((field): [string, string] => [
    `appRetry.${field}`,
    "each try of the application is a whole call, so the call's own timeout and perTryTimeout apply to it: set them on the call",
  ]),
  [
    'traffic[].appretry',
    "a source's retry is already its client's own retries (no mesh hop sits between the client and its retries); write them there",
  ],
  [
    '.nodes',
    "a node pool is written by its size and its zones: nodeCpu, nodeMemory and nodeMaxPods give the size of every node, and the number of nodes is each zone's `nodes` in clusters[].zones (default: one cluster, 3 zones × 4 nodes)",
  ],
]);

/**
 * Why the object at `object` has no field `key`, from {@link ABSENT_FIELDS}: `undefined` when the table says nothing.
 *
 * @param object - The path of the object holding the key (`['traffic', 0]`).
 * @param key - The unknown key as written.
 */
export function absentFieldReason(object: readonly (string | number)[], key: string): string | undefined {
  // A field of the scenario itself: keyed `.field`.
  if (object.length === 0) return ABSENT_FIELDS.get(`.${key.toLowerCase()}`);
  let at = object.length - 1;
  let list = '';
  if (typeof object[at] === 'number') {
    list = '[]';
    at--;
  }
  const holder = object[at];
  if (typeof holder !== 'string') return undefined;
  return ABSENT_FIELDS.get(`${holder}${list}.${key.toLowerCase()}`);
}

/**
 * ` (did you mean "x"?)` when `word` is what a candidate is called in other tools (` (did you mean "x" or "y"?)`
 * when several are), else when a candidate is close to it (Levenshtein distance <= 2, case-insensitive); otherwise
 * ``. The hint every "did you mean" of meshsim gives: misspelt fields, names, values and command-line flags.
 *
 * @param word - What was written, e.g. `duraton`.
 * @param candidates - What it may have meant, e.g. the known fields or flags.
 * @example
 * ```ts
 * didYouMean('--duraton', ['--duration', '--seed']); // ' (did you mean "--duration"?)'
 * didYouMean('color', ['to', 'timeout']); // ''
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  return meantHint(meantBy(word, candidates));
}

/**
 * The candidates `word` may stand for, as {@link didYouMean} names them: those it is the other tools' name of, else
 * the closest one (Levenshtein distance <= 2, case-insensitive); none when nothing is close.
 */
export function meantBy(word: string, candidates: Iterable<string>): string[] {
  const all = [...candidates];
  const meant = (SYNONYMS.get(word.toLowerCase()) ?? []).filter((name) => all.includes(name));
  if (meant.length > 0) return meant;
  const match = closest(word, all);
  return match === undefined ? [] : [match];
}

/** ` (did you mean "x"?)` (` (did you mean "x" or "y"?)`) for the candidates {@link meantBy} found; `` for none. */
export function meantHint(meant: readonly string[]): string {
  return meant.length === 0
    ? ''
    : ` (did you mean ${meant.map((name) => JSON.stringify(name)).join(' or ')}?)`;
}

/** The words of a shape name, lower case (`istio-ambient` → istio, ambient). */
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_\s]+/)
    .filter((word) => word !== '');
}

/**
 * The mesh shapes `word` may stand for: those {@link meantBy} finds (`cillium` → cilium); else the shapes whose
 * name holds every word of it (`istio` → istio-sidecar and istio-ambient, `ambient` → istio-ambient); else those
 * whose name's words it all holds, with words of its own added (`cilium-service-mesh` → cilium, `aws-app-mesh` →
 * app-mesh). The one rule of every place a shape is named: a file's `mesh:`, `--mesh`, `--set mesh=`.
 *
 * @example
 * ```ts
 * meantShapes('istio', meshShapeNames()); // ['istio-sidecar', 'istio-ambient']
 * ```
 */
export function meantShapes(word: string, shapes: readonly string[]): string[] {
  const meant = meantBy(word, shapes);
  if (meant.length > 0) return meant;
  const written = nameWords(word);
  if (written.length === 0) return [];
  const wider = shapes.filter((shape) => written.every((part) => nameWords(shape).includes(part)));
  if (wider.length > 0) return wider;
  return shapes.filter((shape) => nameWords(shape).every((part) => written.includes(part)));
}

/**
 * ` (did you mean "istio-sidecar" or "istio-ambient"?)` for the shapes {@link meantShapes} finds among `shapes`; ``
 * for none. What a file's `mesh:`, `--mesh` and `--set mesh=` append to their list of the shapes.
 */
export function meshShapeHint(word: string, shapes: readonly string[]): string {
  return meantHint(meantShapes(word, shapes));
}
