// Reports the fields of a VirtualService or DestinationRule that Istio's API does not have (a misspelt `retires`),
// apart from the fields Istio has and meshsim does not model: the API server refuses such a resource.

import { didYouMean } from '@meshsim/scenario';

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';
import { ISTIO_MESSAGES } from './istioApiFields.js';

/** The message a field type names, and whether it is a list of it. */
function messageOf(type: string): { message: string; list: boolean } {
  return type.startsWith('[') ? { message: type.slice(1, -1), list: true } : { message: type, list: false };
}

function check(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  value: unknown,
  message: string,
): void {
  const fields = ISTIO_MESSAGES[message];
  if (fields === undefined || !isRecord(value)) return;
  const known = Object.keys(fields);
  for (const [key, item] of Object.entries(value)) {
    const fieldPath: FieldPath = [...path, key];
    if (!Object.hasOwn(fields, key)) {
      doc.use(fieldPath);
      builder.warnings.at(
        doc,
        fieldPath,
        `unknown field${didYouMean(key, known)}: Istio's ${message} has no such field, so the API server rejects the ${doc.kind} (kubectl's default strict field validation) or drops the field; ignored`,
      );
      continue;
    }
    const type = fields[key];
    if (type === null || type === undefined) continue;
    const nested = messageOf(type);
    if (!nested.list) check(doc, builder, fieldPath, item, nested.message);
    else if (Array.isArray(item))
      item.forEach((element, i) => check(doc, builder, [...fieldPath, i], element, nested.message));
  }
}

/**
 * Warns about every field under `spec` that Istio's `root` message (`VirtualService`, `DestinationRule`) and the
 * messages it holds do not define, suggesting the field it resembles (`retires` → "did you mean "retries"?"), and
 * marks them as read so that they are not reported again as "not modelled".
 */
export function reportUnknownIstioFields(
  doc: SourceDocument,
  builder: ModelBuilder,
  root: 'VirtualService' | 'DestinationRule',
): void {
  check(doc, builder, ['spec'], doc.peek(['spec']), root);
}
