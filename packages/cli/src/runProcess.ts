// The `meshsim` program on the real process: main() on process.argv, stdout, stderr and stdin, with the
// exit code set (not forced) so that large outputs drain. Both packages' `meshsim` executables run it.

import { OUTPUT_ERROR_EXIT_CODE } from './CliError.js';
import { readStdinSync } from './internal/readStdinSync.js';
import { main } from './main.js';

/**
 * Runs the `meshsim` command line on this process: `process.argv.slice(2)`, stdout, stderr, and stdin for
 * a scenario given as `-`. Sets `process.exitCode`; a closed stdout pipe (`meshsim run x --json | head`)
 * ends the process quietly; any other failure to write (a full disk: `> /dev/full`, a closed file) is one
 * line on stderr and exit code {@link OUTPUT_ERROR_EXIT_CODE}.
 */
export async function runProcess(): Promise<void> {
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
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: readStdinSync,
  });
}
