// The zod error map of the scenario schema: turns zod's raw issues into this package's reasons
// (`must be an integer >= 1 (got 0)`) and records the known keys of strict objects for suggestions.

import type * as z from 'zod';
import { didYouMean } from './suggest.js';
import { got, show } from './show.js';
import { istioSimpleLbHint } from './istioFieldNames.js';
import { ciliumMaglevHint } from './ciliumFieldNames.js';

/** Known keys of each strict object that saw unknown keys, by the input object (union branches merge). */
export type KnownKeys = Map<object, Set<string>>;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping (key: value pairs)',
  record: 'a mapping (key: value pairs)',
  array: 'a list',
  literal: 'a literal value',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? `a value of type ${expected}`;
}

function isIntegerSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { isInt?: unknown }).isInt === true;
}

function itemCount(n: number | bigint): string {
  return `${n} item${n === 1 ? '' : 's'}`;
}

function sizeReason(iss: z.core.$ZodRawIssue, comparison: string, bound: number | bigint): string {
  switch (iss['origin']) {
    case 'array':
      return `must have ${comparison === '>=' ? 'at least' : 'at most'} ${itemCount(bound)} (got ${itemCount(Array.isArray(iss.input) ? iss.input.length : 0)})`;
    case 'string':
      return comparison === '>=' && bound === 1
        ? 'must not be empty'
        : `must have ${comparison === '>=' ? 'at least' : 'at most'} ${bound} characters (got ${show(iss.input)})`;
    default: {
      const what = isIntegerSchema(iss.schema) ? 'an integer ' : '';
      return got(`must be ${what}${comparison} ${bound}`, iss.input);
    }
  }
}

/**
 * Creates the per-parse error map. Schema-level messages (set with `{ error }` in schema.ts) take
 * precedence over it; everything else gets a reason in the `must … (got …)` style here.
 *
 * @param knownKeys - Filled with the declared keys of each strict object that reported unknown keys.
 */
export function createErrorMap(knownKeys: KnownKeys): z.core.$ZodErrorMap {
  return (iss) => {
    switch (iss.code) {
      case 'invalid_type':
        if (iss.input === undefined) return 'is required';
        return got(`must be ${typeName(iss.expected)}`, iss.input);
      case 'too_small':
        return sizeReason(iss, iss.inclusive === false ? '>' : '>=', iss.minimum);
      case 'too_big':
        return sizeReason(iss, iss.inclusive === false ? '<' : '<=', iss.maximum);
      case 'invalid_value': {
        const values = iss.values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
        // A number too (`retryOn: [503]`): the value a proxy's own configuration writes for one of the words.
        const hint =
          typeof iss.input === 'string' || typeof iss.input === 'number'
            ? didYouMean(
                String(iss.input),
                iss.values.filter((v): v is string => typeof v === 'string'),
              )
            : '';
        const expected = values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
        // Istio's `loadBalancer: { simple: LEAST_REQUEST }` and Cilium's `maglev` where a balancer's name goes
        // (`mesh.loadBalancer`).
        const spelling = istioSimpleLbHint(iss.input, iss.values) + ciliumMaglevHint(iss.input, iss.values);
        return `${got(expected, iss.input)}${hint}${spelling}`;
      }
      case 'unrecognized_keys': {
        const shape = (iss.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
        if (typeof iss.input === 'object' && iss.input !== null && shape !== undefined) {
          const keys = knownKeys.get(iss.input) ?? new Set<string>();
          for (const key of Object.keys(shape)) keys.add(key);
          knownKeys.set(iss.input, keys);
        }
        return 'unknown field';
      }
      case 'invalid_format':
        return got(`must match the pattern ${iss['pattern'] as string}`, iss.input);
      case 'invalid_union':
        return got('has the wrong type', iss.input);
      case 'invalid_key':
        return got('is not a valid key', iss.input);
      default:
        return undefined;
    }
  };
}
