// An application container's Kubernetes `readinessProbe`, read into the scenario's service `readinessProbe`:
// `initialDelaySeconds`, `periodSeconds`, `failureThreshold` and `successThreshold` as written (seconds become
// durations with units); its check mechanism and `timeoutSeconds`, which meshsim does not model, warned once.

import { READINESS_PROBE_RULES, findRuleRow } from '@meshsim/mesh';

import type { ImportedReadinessProbe } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import { fitDuration } from '../source/fitToRule.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { isRecord } from '../isRecord.js';

/**
 * Kubernetes' probe fields meshsim reads: the scenario field each becomes, whether it is in seconds (a duration), and
 * whether a `0` is "not set", which the API server gives the default (`SetDefaults_Probe`: all but
 * `initialDelaySeconds`, whose default is 0: docs/sources.md#k8s-probes).
 */
const PROBE_FIELDS = [
  { key: 'initialDelaySeconds', field: 'initialDelay', seconds: true, zeroIsUnset: false },
  { key: 'periodSeconds', field: 'period', seconds: true, zeroIsUnset: true },
  { key: 'failureThreshold', field: 'failureThreshold', seconds: false, zeroIsUnset: true },
  { key: 'successThreshold', field: 'successThreshold', seconds: false, zeroIsUnset: true },
] as const;

/** Kubernetes' default of a probe field (meshsim's: READINESS_PROBE_RULES), as the scenario writes it (`10s`, `3`). */
function kubernetesDefault(field: string, seconds: boolean): string | number {
  const row = findRuleRow(READINESS_PROBE_RULES, field).default;
  const value = 'value' in row && typeof row.value === 'number' ? row.value : 0;
  return seconds ? formatDurationMs(value) : value;
}

/** Kubernetes' probe fields meshsim does not model: the check mechanisms and the probe's timeout. */
const UNMODELLED = ['httpGet', 'tcpSocket', 'exec', 'grpc', 'timeoutSeconds'] as const;

/** What a warning says of the check mechanism and timeout: what meshsim's probe does instead (docs/model.md#readiness-probes). */
const UNMODELLED_PROBE_REASON =
  "not modelled (ignored): meshsim's readiness probe fails only while the instance would turn a request away (every " +
  'worker busy and its queue full) — whatever the probe checks, and without a timeout — and a crashed instance is ' +
  "NotReady whatever its probe; the probe's delay, period and thresholds are imported";

/**
 * Reads the `readinessProbe` of the container at `path` (an application container's), or undefined when it has none
 * (`null` is none, as Kubernetes takes it). Each of the four fields the manifest sets is written, as the kubelet runs
 * it: a value Kubernetes refuses (not an integer >= 0) is warned at its field and left out (the probe keeps Kubernetes'
 * default); `0` where the API server puts the default is taken as the default, noted. A probe that is not a mapping
 * is warned and not imported.
 */
export function readReadinessProbe(
  doc: SourceDocument,
  path: FieldPath,
  container: string,
  builder: ModelBuilder,
): ImportedReadinessProbe | undefined {
  const at: FieldPath = [...path, 'readinessProbe'];
  const raw = doc.peek(at);
  if (raw === undefined || raw === null) {
    if (raw === null) doc.use(at);
    return undefined;
  }
  if (!isRecord(raw)) {
    doc.use(at);
    builder.warnings.at(
      doc,
      at,
      `must be a probe (a mapping such as { httpGet: { path: /ready, port: 8080 }, periodSeconds: 5 }; got ${JSON.stringify(raw)}), which the API server refuses; not imported`,
    );
    return undefined;
  }
  // Each field written as the scenario's ReadinessProbe takes it (a duration string, or an integer).
  const probe: Record<string, string | number> = {};
  for (const { key, field, seconds, zeroIsUnset } of PROBE_FIELDS) {
    const value = doc.get([...at, key]);
    if (value === undefined || value === null) continue; // null is not set, as Kubernetes reads it
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      const what = seconds ? 'a whole number of seconds >= 0' : 'an integer >= 0';
      const hint = seconds && typeof value === 'string' ? ` (write ${key}: 5 for 5s)` : '';
      builder.warnings.at(
        doc,
        [...at, key],
        `must be ${what} (got ${JSON.stringify(value)}), which the API server refuses${hint}; not imported: the probe keeps Kubernetes' default ${field} ${String(kubernetesDefault(field, seconds))}`,
      );
      continue;
    }
    if (value === 0 && zeroIsUnset) {
      probe[field] = kubernetesDefault(field, seconds);
      builder.warnings.note(
        doc,
        [...at, key],
        `0 is "not set": the API server gives it Kubernetes' default, so the probe's ${field} is ${String(probe[field])}`,
      );
      continue;
    }
    probe[field] = seconds
      ? formatDurationMs(fitDuration(doc, builder, [...at, key], value * 1000, `${key} ${String(value)}`))
      : value;
  }
  const unmodelled = UNMODELLED.filter((key) => raw[key] !== undefined);
  const first = unmodelled[0];
  if (first !== undefined) {
    for (const key of unmodelled) doc.use([...at, key]);
    const listed = unmodelled.join(', ').replace(/, ([^,]*)$/, ' and $1');
    builder.warnings.at(
      doc,
      [...at, first],
      `${listed} ${unmodelled.length > 1 ? 'are' : 'is'} ${UNMODELLED_PROBE_REASON}`,
    );
  }
  return { container, path: at, probe: probe as ImportedReadinessProbe['probe'] };
}
