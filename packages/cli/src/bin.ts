#!/usr/bin/env node
// The `meshsim` executable: runs main() on the process's arguments and streams.

import { readFileSync } from 'node:fs';

import { main } from './main.js';

// `meshsim run x --json | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// exitCode, not process.exit(): let stdout drain before the process ends (large --json outputs).
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readFileSync(0, 'utf8'),
});
