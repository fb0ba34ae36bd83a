// The JSON Schema of scenario files, generated from the zod schema (z.toJSONSchema, draft 2020-12).
// A copy is checked in at packages/scenario/schema/ for editors; a test keeps it in sync.

import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { ScenarioSchema } from './schema.js';

/**
 * Generates the JSON Schema (draft 2020-12) of scenario files. It checks the structure (types,
 * ranges, unknown keys, duration/rate syntax); cross-field rules such as "calls must name existing
 * services" are only checked by the loader.
 *
 * @returns A fresh JSON-serialisable schema object.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: scenarioRegistry,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

/** Absolute path of the checked-in `meshsim-scenario.schema.json`. */
export function scenarioJsonSchemaPath(): string {
  return fileURLToPath(new URL('../schema/meshsim-scenario.schema.json', import.meta.url));
}
