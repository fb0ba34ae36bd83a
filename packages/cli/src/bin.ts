#!/usr/bin/env node
// The `meshsim` executable: runs main() on the process's arguments and streams.

import { main } from './main.js';
import { OUTPUT_ERROR_EXIT_CODE } from './CliError.js';

// `meshsim run x --json | head`: a closed pipe is not an error worth a stack trace. Any other failure
// to write (a full disk: `> /dev/full`, a closed file) is one line on stderr and a documented exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`meshsim: cannot write the output to stdout: ${error.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(OUTPUT_ERROR_EXIT_CODE);
  });
}

// exitCode, not process.exit(): let stdout drain before the process ends (large --json outputs).
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
