// The CLI's version, read from its package.json (one level above both src/ and dist/).

import { readFileSync } from 'node:fs';

/** The `version` field of @meshsim/cli's package.json. */
export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
