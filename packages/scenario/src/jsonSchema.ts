// The JSON Schema of scenario files, generated from the zod schema (z.toJSONSchema, draft 2020-12).
// A copy is checked in at packages/scenario/schema/ for editors; a test keeps it in sync.

import { fileURLToPath } from 'node:url';
import { meshShapes } from '@meshsim/mesh';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { MeshObject, ScenarioSchema } from './schema.js';

/**
 * The `mesh` object as editors see it: strict, as the loader is, with the options the shapes registered when the
 * schema is generated own (the loader checks their values; here any value).
 */
function meshObjectSchema(json: Record<string, unknown>): void {
  const properties = (json['properties'] ?? {}) as Record<string, unknown>;
  for (const shape of meshShapes()) {
    for (const [key, spec] of Object.entries(shape.options ?? {})) {
      properties[key] = { description: `For shape ${shape.name}: ${spec.description}` };
    }
  }
  json['properties'] = properties;
  json['additionalProperties'] = false;
}

/**
 * Generates the JSON Schema (draft 2020-12) of scenario files. It checks the structure (types,
 * ranges, unknown keys, duration/rate syntax); cross-field rules such as "calls must name existing
 * services" are only checked by the loader. The mesh shapes and the options they own are those registered when it
 * is generated.
 *
 * @returns A fresh JSON-serialisable schema object.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: scenarioRegistry,
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === (MeshObject as unknown))
        meshObjectSchema(ctx.jsonSchema as Record<string, unknown>);
    },
  }) as Record<string, unknown>;
}

/** Absolute path of the checked-in `meshsim-scenario.schema.json`. */
export function scenarioJsonSchemaPath(): string {
  return fileURLToPath(new URL('../schema/meshsim-scenario.schema.json', import.meta.url));
}
