// What `run` and `compare` share: the scenario argument, --seed/--duration/--out/--html/--no-progress, and
// loading the scenario with those overrides applied.

import type { SimulationConfig } from '@meshsim/mesh';
import { applyOverrides, loadScenario, parseScenario } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { parseDuration, parseHtmlPath, parseSeed, stringFlag } from './flags.js';

/** parseArgs options common to the commands that run a scenario. */
export const SCENARIO_FLAGS = {
  seed: { type: 'string' },
  duration: { type: 'string' },
  out: { type: 'string' },
  html: { type: 'string' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The parsed common arguments. */
export interface ScenarioArgs {
  scenario: string;
  seed?: number;
  durationMs?: number;
  out?: string;
  /** `--html FILE`: also write an HTML report there. */
  html?: string;
  progress: boolean;
}

/**
 * Checks the positional scenario and the common flags of `command`.
 * @throws {UsageError} naming the flag and value, or the missing/extra argument.
 */
export function parseScenarioArgs(
  command: string,
  values: Record<string, string | boolean | undefined>,
  positionals: readonly string[],
  usage: string,
): ScenarioArgs {
  const [scenario, ...extra] = positionals;
  if (scenario === undefined)
    throw new UsageError(`missing scenario: '${usage}' (see 'meshsim list')`, command);
  if (extra.length > 0) {
    throw new UsageError(`'meshsim ${command}' takes one scenario (got also '${extra.join(' ')}')`, command);
  }
  const args: ScenarioArgs = { scenario, progress: values['no-progress'] !== true };
  const seed = stringFlag(values, 'seed');
  if (seed !== undefined) args.seed = parseSeed(seed, command);
  const duration = stringFlag(values, 'duration');
  if (duration !== undefined) args.durationMs = parseDuration(duration, command);
  const out = stringFlag(values, 'out');
  if (out !== undefined) {
    if (out.trim() === '')
      throw new UsageError(`invalid value for --out: '${out}' (expected a file path)`, command);
    args.out = out;
  }
  const html = stringFlag(values, 'html');
  if (html !== undefined) args.html = parseHtmlPath(html, command);
  return args;
}

/** The scenario argument that stands for standard input. */
export const STDIN = '-';

/** Name errors give a scenario read from standard input. */
export const STDIN_NAME = '<stdin>';

/** Standard input, read once per parsed command line (compare loads the scenario once per shape). */
const stdinTexts = new WeakMap<ScenarioArgs, string>();

/** The text of standard input for `args`, read on first use. */
function stdinText(args: ScenarioArgs, io: CliIo | undefined): string {
  let text = stdinTexts.get(args);
  if (text === undefined) {
    if (io?.readStdin === undefined) throw new CliError(`cannot read the scenario: no standard input`);
    text = io.readStdin();
    stdinTexts.set(args, text);
  }
  return text;
}

/**
 * Loads the scenario (bundled name, file, or `-` for standard input through `io`) and applies --seed,
 * --duration and the mesh shape.
 */
export function loadScenarioConfig(args: ScenarioArgs, mesh?: string, io?: CliIo): SimulationConfig {
  // loadScenario reports an unknown name (listing the bundled ones) or a missing file as a ScenarioError.
  const base =
    args.scenario === STDIN ? parseScenario(stdinText(args, io), STDIN_NAME) : loadScenario(args.scenario);
  return applyOverrides(base, {
    ...(args.seed !== undefined && { seed: args.seed }),
    ...(args.durationMs !== undefined && { durationMs: args.durationMs }),
    ...(mesh !== undefined && { mesh }),
  });
}
