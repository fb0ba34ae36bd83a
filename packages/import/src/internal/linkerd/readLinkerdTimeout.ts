// Linkerd's timeout annotations (reference "Timeouts"): `timeout.linkerd.io/request` → the call's
// timeout; the response and idle timeouts are reported.

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import { fitDuration } from '../source/fitToRule.js';
import { annotationPath as PATH } from './linkerdAnnotationKeys.js';

/** Reads `timeout.linkerd.io/request` (the others are reported); undefined when none is set. */
export function readLinkerdTimeout(
  doc: SourceDocument,
  builder: ModelBuilder,
  annotations: Record<string, string>,
): string | undefined {
  for (const key of ['timeout.linkerd.io/response', 'timeout.linkerd.io/idle']) {
    if (annotations[key] !== undefined) {
      builder.warnings.at(
        doc,
        PATH(key),
        'not modelled: meshsim has one overall timeout per call (timeout.linkerd.io/request)',
      );
    }
  }
  const text = annotations['timeout.linkerd.io/request'];
  if (text === undefined) return undefined;
  const ms = parseGoDurationMs(text);
  if (ms === undefined || ms <= 0) {
    builder.warnings.at(
      doc,
      PATH('timeout.linkerd.io/request'),
      `not a duration with a unit (got ${JSON.stringify(text)}); ignored`,
    );
    return undefined;
  }
  return formatDurationMs(fitDuration(doc, builder, PATH('timeout.linkerd.io/request'), ms, text));
}
