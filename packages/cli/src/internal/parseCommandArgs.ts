// node:util parseArgs with meshsim's error messages: every parse failure becomes a UsageError naming the flag.

import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

import { UsageError } from '../CliError.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: flag values by name and the positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses `args` strictly against `options` (unknown flags and missing values are errors).
 *
 * @param command - Command name, for messages (`run`, `validate`).
 * @throws {UsageError} on any parse error, with a message that names the flag.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw toUsageError(command, error);
  }
}

function toUsageError(command: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const flag = /'(-{1,2}[^'\s<=]+)/.exec(message)?.[1] ?? '?';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown flag '${flag}' for 'meshsim ${command}'`, command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? new UsageError(`flag '${flag}' takes no value`, command)
        : new UsageError(`flag '${flag}' needs a value (e.g. ${flag}=VALUE)`, command);
    default:
      return new UsageError(message, command);
  }
}
