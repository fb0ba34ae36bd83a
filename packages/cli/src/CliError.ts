// Errors that end a command with a chosen exit code: CliError (exit 1 by default) and UsageError (exit 2),
// and the exit code of output that cannot be written.

/** Exit code when the output cannot be written (a full disk, an unwritable --out file): 1, as other errors. */
export const OUTPUT_ERROR_EXIT_CODE = 1;

/** An error whose message is meant for the user, printed as `meshsim: <message>`; ends with `exitCode`. */
export class CliError extends Error {
  /** Process exit code for this error. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * A mistake in the command line itself (unknown command or flag, missing argument, bad flag value):
 * exit code 2, and the message is followed by a hint to run `meshsim --help`.
 */
export class UsageError extends CliError {
  /** The command the error is about (`run`, `validate`, …), for the help hint; undefined for the top level. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message, 2);
    this.name = 'UsageError';
    this.command = command;
  }
}
