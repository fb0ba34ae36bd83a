// What the scenario format says of one field, by its path: whether the format has it and whether a file may leave it
// out. Read from the scenario's JSON Schema (the one source of what each field takes), for tools that edit a
// scenario's plain data, such as `--set PATH=null`, which removes an optional field.

import { fieldNames, fieldWords } from './internal/fieldWords.js';

/** What {@link scenarioField} says of a field. */
export interface ScenarioField {
  /** Whether the scenario format has the field (an entry of a map, such as a service by name, counts). */
  readonly known: boolean;
  /** Whether a file may leave the field out (its default then applies). A list item is never optional. */
  readonly optional: boolean;
  /** The named fields of the object that holds it (to suggest one for an unknown field); none in a map or a list. */
  readonly siblings: readonly string[];
}

/**
 * What the scenario format says of the field at `path`: whether it has it, and whether a file may leave it out.
 *
 * @param path - The field's path in a scenario file, list indices as numbers: `['services', 'api', 'calls', 0,
 *   'retry']`.
 * @example
 * ```ts
 * scenarioField(['services', 'api', 'calls', 0, 'retry']); // { known: true, optional: true, siblings: ['to', …] }
 * scenarioField(['services', 'api', 'serviceTime']).optional; // false: a service needs it
 * scenarioField(['duraton']).known; // false
 * ```
 */
export function scenarioField(path: readonly (string | number)[]): ScenarioField {
  const { known, optional } = fieldWords(path);
  return { known, optional: known && optional, siblings: fieldNames(path.slice(0, -1)) };
}
