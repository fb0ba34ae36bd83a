// Reads a duration field of a resource (`1.5s`, `300ms`), warning when it is not one, and holding it within the
// longest duration a scenario holds (warned).

import type { ModelBuilder } from '../model/ModelBuilder.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import type { FieldPath } from './fieldPath.js';
import { fitDuration } from './fitToRule.js';
import type { SourceDocument } from './SourceDocument.js';

/**
 * A duration field in ms, or undefined with a warning when it is not one; one longer than a scenario holds (a year)
 * is taken at that bound, warned ({@link fitDuration}), unless `options.fit` is false (a field with its own range).
 */
export function readDuration(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  options: { readonly fit?: boolean } = {},
): number | undefined {
  const value = doc.get(path);
  if (value === undefined) return undefined;
  const ms = parseGoDurationMs(value);
  if (ms === undefined) {
    // Every duration these importers read is a string in its resource's schema (Istio's and Linkerd's CRDs).
    const reason =
      typeof value === 'number'
        ? `not a duration (${value}: a number without a unit; write "${value}s" or "${value}ms"): the resource's schema takes a string such as "1.5s", so the API server refuses it`
        : `not a duration (${JSON.stringify(value)})`;
    builder.warnings.at(doc, path, `${reason}; ignored`);
    return undefined;
  }
  return options.fit === false ? ms : fitDuration(doc, builder, path, ms, String(value));
}
