// Reads a duration field Istio's CRDs bound below by 1 ms (route timeout, retry perTryTimeout and backoff, outlier
// interval and baseEjectionTime): a shorter value, 0s included, makes the API server refuse the resource.

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import { readDuration } from '../source/readDuration.js';
import type { SourceDocument } from '../source/SourceDocument.js';

/**
 * The duration at `path` in ms, or undefined when absent, not a duration, or under 1 ms. Istio's CRDs carry the rule
 * `duration(self) >= duration('1ms')` ("must be a valid duration greater than 1ms") on these fields; a shorter value is
 * warned about at its line, saying what applies instead (`instead`, e.g. "no route timeout, Istio's default").
 */
export function readIstioDuration(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  instead: string,
): number | undefined {
  const ms = readDuration(doc, builder, path);
  if (ms === undefined || ms >= 1) return ms;
  builder.warnings.at(
    doc,
    path,
    `${String(doc.peek(path))} is shorter than 1ms, which Istio refuses ("must be a valid duration greater than 1ms"), so the API server rejects the ${doc.kind}; not imported (${instead})`,
  );
  return undefined;
}
