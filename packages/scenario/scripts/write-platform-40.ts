// Regenerates scenarios/platform-40.yaml from the deterministic generator (run after changing it):
//   npx -y pnpm@10 --filter @meshsim/scenario platform40

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { platform40Yaml } from '../src/generators/platform40Yaml.js';

const target = fileURLToPath(new URL('../scenarios/platform-40.yaml', import.meta.url));
writeFileSync(target, platform40Yaml());
console.log(`wrote ${target}`);
