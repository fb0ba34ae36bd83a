// Regenerates schema/meshsim-scenario.schema.json from the zod schema (run after changing src/schema.ts):
//   npx tsx --tsconfig tsconfig.json packages/scenario/scripts/write-schema.ts   (from the workspace root)
// A test fails while the checked-in file differs from the generated schema.

import { writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { scenarioJsonSchema, scenarioJsonSchemaPath } from '../src/jsonSchema.js';

const path = scenarioJsonSchemaPath();
const text = await format(JSON.stringify(scenarioJsonSchema(), null, 2), { parser: 'json', printWidth: 110 });
writeFileSync(path, text);
console.log(`wrote ${path}`);
