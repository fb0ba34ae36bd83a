// Reads a duration field of a resource (`1.5s`, `300ms`), warning when it is not one.

import type { ModelBuilder } from '../model/ModelBuilder.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import type { FieldPath } from './fieldPath.js';
import type { SourceDocument } from './SourceDocument.js';

/** A duration field, or undefined with a warning when it is not one. */
export function readDuration(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
): number | undefined {
  const value = doc.get(path);
  if (value === undefined) return undefined;
  const ms = parseGoDurationMs(value);
  if (ms === undefined) builder.warnings.at(doc, path, `not a duration (${JSON.stringify(value)}); ignored`);
  return ms;
}
