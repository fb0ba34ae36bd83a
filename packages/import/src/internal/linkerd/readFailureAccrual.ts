// Linkerd's failure-accrual annotations on a Service (reference "Circuit Breaking") → the service's
// `destinationPolicy.failureAccrual`.

import type { ScenarioDestinationPolicy } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { fitDuration } from '../source/fitToRule.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import {
  ACCRUAL,
  CONSECUTIVE,
  LINKERD_ACCRUAL_KEYS,
  annotationPath as PATH,
  hasAny,
} from './linkerdAnnotationKeys.js';

type FailureAccrual = NonNullable<ScenarioDestinationPolicy['failureAccrual']>;

/** Reads the failure-accrual annotations of a Service; undefined when it sets none. */
export function readFailureAccrual(
  doc: SourceDocument,
  builder: ModelBuilder,
  annotations: Record<string, string>,
): FailureAccrual | undefined {
  const mode = annotations[ACCRUAL];
  if (mode === undefined) {
    if (hasAny(annotations, LINKERD_ACCRUAL_KEYS)) {
      builder.warnings.at(
        doc,
        ['metadata', 'annotations'],
        `failure-accrual parameters without ${ACCRUAL}: Linkerd performs no failure accrual; ignored`,
      );
    }
    return undefined;
  }
  if (mode !== 'consecutive') {
    builder.warnings.at(
      doc,
      PATH(ACCRUAL),
      `unknown failure-accrual policy ${JSON.stringify(mode)} (Linkerd supports "consecutive"); ignored`,
    );
    return undefined;
  }
  const out: { maxFailures?: number; minPenalty?: string; maxPenalty?: string; jitter?: number } = {};
  const maxFailures = annotations[`${CONSECUTIVE}-max-failures`];
  if (maxFailures !== undefined) {
    const n = Number(maxFailures);
    if (Number.isInteger(n) && n >= 1) out.maxFailures = n;
    else
      builder.warnings.at(
        doc,
        PATH(`${CONSECUTIVE}-max-failures`),
        `must be an integer >= 1 (got ${JSON.stringify(maxFailures)}); Linkerd's default 7 is used`,
      );
  }
  for (const [key, field] of [
    [`${CONSECUTIVE}-min-penalty`, 'minPenalty'],
    [`${CONSECUTIVE}-max-penalty`, 'maxPenalty'],
  ] as const) {
    const text = annotations[key];
    if (text === undefined) continue;
    const ms = parseGoDurationMs(text);
    if (ms === undefined || ms <= 0)
      builder.warnings.at(
        doc,
        PATH(key),
        `not a duration with a unit (got ${JSON.stringify(text)}); the default is used`,
      );
    else out[field] = formatDurationMs(fitDuration(doc, builder, PATH(key), ms, text));
  }
  const jitter = annotations[`${CONSECUTIVE}-jitter-ratio`];
  if (jitter !== undefined) {
    const ratio = Number(jitter);
    if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 100) out.jitter = ratio;
    else
      builder.warnings.at(
        doc,
        PATH(`${CONSECUTIVE}-jitter-ratio`),
        `must be a number in [0, 100] (got ${JSON.stringify(jitter)}); Linkerd's default 0.5 is used`,
      );
  }
  return Object.keys(out).length === 0 ? 'linkerd-defaults' : out;
}
