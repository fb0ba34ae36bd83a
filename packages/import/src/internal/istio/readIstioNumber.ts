// Reads a number field of an Istio resource as Istio's API types and checks it (istio/api's CRDs, istiod's validation):
// an integer (int32, uint32) or a double, within its CRD's bounds and those of Istio's validation. A value either would
// refuse — a quoted number, a fraction, a negative count — is warned at its line, with why and what applies instead.

import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';

/** How Istio's API types and checks one number field. */
export interface IstioNumberRule {
  /**
   * The field's proto type. The CRDs type an `int32` as `type: integer, format: int32`, a `uint32` (or
   * `UInt32Value`) as an integer with `minimum: 0` and `maximum: 4294967295`, a `double` as `type: number`.
   */
  readonly type: 'int32' | 'uint32' | 'double';
  /** Bounds the CRD's schema sets besides the type's (a retry budget's `percent`: 0 to 100). */
  readonly schema?: { readonly min: number; readonly max: number };
  /**
   * What istiod's validation (the validating webhook, pkg/config/validation) accepts: the range, and its message for a
   * value outside it (`max connections must be non-negative`).
   */
  readonly validation?: {
    readonly min: number;
    readonly max?: number;
    readonly message: (value: number) => string;
  };
  /** What applies when the value is not imported: `Istio's default (2³²−1, unlimited) applies`. */
  readonly instead: string;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
const UINT32_MAX = 2 ** 32 - 1;

/** `an integer (int32)`, `a number (double)`: the type as the warnings name it. */
function typeName(type: IstioNumberRule['type']): string {
  return type === 'double' ? 'a number (double)' : `an integer (${type})`;
}

/** Why Istio refuses `value` under `rule`, or undefined when it takes it. */
function refusal(value: unknown, field: string, rule: IstioNumberRule, kind: string): string | undefined {
  const applied = `so this ${kind} would not be applied`;
  if (typeof value !== 'number') {
    // A quoted number ("64") is a string to the API server, which checks the schema's type before anything else.
    const quoted = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
    return `Istio's ${field} is ${typeName(rule.type)}: the API server refuses ${JSON.stringify(value)}${quoted ? ' (write it without quotes)' : ''}, ${applied}`;
  }
  if (rule.type !== 'double' && !Number.isInteger(value)) {
    return `Istio's ${field} is ${typeName(rule.type)}: the API server refuses ${String(value)}, ${applied}`;
  }
  if (rule.type === 'uint32' && (value < 0 || value > UINT32_MAX)) {
    return `Istio's ${field} is ${typeName(rule.type)}, from 0 to ${String(UINT32_MAX)} in its CRD: the API server refuses ${String(value)}, ${applied}`;
  }
  if (rule.type === 'int32' && (value < INT32.min || value > INT32.max)) {
    return `Istio's ${field} is ${typeName(rule.type)}: ${String(value)} is outside its range (${String(INT32.min)} to ${String(INT32.max)}), so Istio cannot hold it`;
  }
  const schema = rule.schema;
  if (schema !== undefined && (value < schema.min || value > schema.max)) {
    return `Istio's ${field} is ${typeName(rule.type)} from ${String(schema.min)} to ${String(schema.max)} in its CRD: the API server refuses ${String(value)}, ${applied}`;
  }
  const validation = rule.validation;
  if (
    validation !== undefined &&
    (value < validation.min || (validation.max !== undefined && value > validation.max))
  ) {
    return `Istio refuses ${String(value)} (its validation: "${validation.message(value)}"), ${applied}`;
  }
  return undefined;
}

/**
 * The number at `path`, or undefined when it is absent (or null, which the API server prunes) or Istio refuses it: then
 * a warning at its line says why (the CRD's type or bounds, or istiod's validation) and what applies instead.
 *
 * @example
 * ```ts
 * // maxConnections: "64" → undefined, warned:
 * // Istio's maxConnections is an integer (int32): the API server refuses "64" (write it without quotes), so this
 * // DestinationRule would not be applied; not imported (Istio's default (2³²−1, unlimited) applies)
 * readIstioNumber(doc, builder, [...pool, 'tcp', 'maxConnections'], { type: 'int32', instead: "Istio's default …" });
 * ```
 */
export function readIstioNumber(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  rule: IstioNumberRule,
): number | undefined {
  const value = doc.get(path);
  if (value === undefined || value === null) return undefined;
  // A wrapper's `value` (`percentage.value`) is named with its parent.
  const last = String(path[path.length - 1]);
  const field = last === 'value' && path.length > 1 ? `${String(path[path.length - 2])}.value` : last;
  const why = refusal(value, field, rule, doc.kind);
  if (why === undefined) return value as number;
  builder.warnings.at(doc, path, `${why}; not imported (${rule.instead})`);
  return undefined;
}
