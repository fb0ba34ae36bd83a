// node:util parseArgs with meshsim's error messages: every parse failure becomes a UsageError naming the flag, and a
// flag that takes one value given twice is one (parseArgs would keep the last value silently).

import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

import { didYouMean } from '@meshsim/scenario';

import { UsageError } from '../CliError.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: flag values by name and the positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A value that starts with a hyphen but is no flag: a negative number (`-1`, `-5s`, `-.5`). */
const NEGATIVE_VALUE = /^-[\d.]/;

/**
 * Joins `--flag -1` into `--flag=-1` for flags that take a value, so that a negative value reaches the
 * flag's own check (which says what is wrong with it) instead of reading as a missing value.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      options[name]?.type === 'string' &&
      next !== undefined &&
      NEGATIVE_VALUE.test(next)
    ) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Parses `args` strictly against `options` (unknown flags and missing values are errors). A value that
 * looks like a negative number is taken as the flag's value (`--seed -1`), for the flag to refuse. A flag
 * that takes one value (a string option without `multiple`) may be given once: `--seed 1 --seed 2` is an
 * error naming both values, as the first would otherwise be dropped without a word (and never checked).
 * Repeatable flags (`multiple: true`, such as `--set`) and switches (`--json --json`) may repeat.
 *
 * @param command - Command name, for messages (`run`, `validate`).
 * @throws {UsageError} on any parse error, with a message that names the flag.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: Options): ParsedArgs {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    checkRepeatedFlags(command, tokens, options);
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw toUsageError(command, error, options);
  }
}

/** An option token of parseArgs: the flag's name and the value it was given (undefined for a switch). */
interface OptionToken {
  kind: string;
  name?: string;
  value?: string | undefined;
}

/** Throws when a flag that takes one value is given more than once (with the same value or not). */
function checkRepeatedFlags(command: string, tokens: readonly OptionToken[], options: Options): void {
  const first = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = options[token.name];
    if (option?.type !== 'string' || option.multiple === true) continue;
    const value = token.value ?? '';
    const earlier = first.get(token.name);
    if (earlier === undefined) {
      first.set(token.name, value);
      continue;
    }
    throw new UsageError(
      `--${token.name} given twice ('${earlier}' and '${value}'): give it once (the last would silently win)`,
      command,
    );
  }
}

/**
 * ` (did you mean "--duration"?)` for a mistyped long flag (`--duraton`), among the flags of the command; `` for a
 * short one or when none is close.
 */
export function flagHint(flag: string, options: Options): string {
  if (!flag.startsWith('--')) return '';
  return didYouMean(
    flag,
    Object.keys(options).map((name) => `--${name}`),
  );
}

function toUsageError(command: string, error: unknown, options: Options): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const flag = /'(-{1,2}[^'\s<=]+)/.exec(message)?.[1] ?? '?';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(
        `unknown flag '${flag}' for 'meshsim ${command}'${flagHint(flag, options)}`,
        command,
      );
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? new UsageError(`flag '${flag}' takes no value`, command)
        : new UsageError(`flag '${flag}' needs a value (e.g. ${flag}=VALUE)`, command);
    default:
      return new UsageError(message, command);
  }
}
