// The private zod registry holding the JSON Schema metadata (ids, descriptions) of the scenario
// schema, so that it neither uses nor pollutes zod's global registry.

import * as z from 'zod';

/** Metadata of the scenario schema's parts, read by `z.toJSONSchema` in jsonSchema.ts. */
export const scenarioRegistry = z.registry<z.GlobalMeta>();
