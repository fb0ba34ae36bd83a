// Regenerates scenarios/platform-40.yaml and the platform-40 cascades from the deterministic generators (run
// after changing them):
//   npx -y pnpm@10 --filter @meshsim/scenario platform40

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { PLATFORM40_CASCADES } from '../src/generators/platform40Cascades.js';
import { platform40CascadeYaml } from '../src/generators/platform40CascadesYaml.js';
import { platform40Yaml } from '../src/generators/platform40Yaml.js';

const target = fileURLToPath(new URL('../scenarios/platform-40.yaml', import.meta.url));
writeFileSync(target, platform40Yaml());
console.log(`wrote ${target}`);
for (const name of PLATFORM40_CASCADES) {
  const file = fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url));
  writeFileSync(file, platform40CascadeYaml(name));
  console.log(`wrote ${file}`);
}
