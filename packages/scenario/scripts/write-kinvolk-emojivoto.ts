// Regenerates scenarios/kinvolk-emojivoto.yaml from the deterministic generator (run after changing it):
//   npx -y pnpm@10 --filter @meshsim/scenario kinvolk-emojivoto

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { kinvolkEmojivotoYaml } from '../src/generators/kinvolkEmojivotoYaml.js';

const target = fileURLToPath(new URL('../scenarios/kinvolk-emojivoto.yaml', import.meta.url));
writeFileSync(target, kinvolkEmojivotoYaml());
console.log(`wrote ${target}`);
