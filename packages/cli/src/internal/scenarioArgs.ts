// What `run`, `compare` and `sweep` share: the scenario argument (a name, a file or `-` for standard
// input), --seed/--duration/--set/--replications/--workers/--yes/--out/--no-progress (and --html for run
// and compare), the overrides they make of the scenario (and how the outputs name them), and the limit on runs
// one command makes.

import {
  SWEEP_RUN_LIMIT,
  defaultWorkers,
  parseSetOption,
  rangeNotes,
  readScenarioSource,
  scenarioSource,
} from '@meshsim/analysis';
import type { Override, ScenarioSource, SetAxis } from '@meshsim/analysis';
import { bareDurationReason, bareOverrideReason } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import type { CliIo } from '../CliIo.js';
import { parseDuration, parseHtmlPath, parseSeed, stringFlag } from './flags.js';
import { pushAll } from '@meshsim/mesh';

/** parseArgs options common to the commands that run a scenario. */
export const SCENARIO_FLAGS = {
  seed: { type: 'string' },
  duration: { type: 'string' },
  out: { type: 'string' },
  'no-progress': { type: 'boolean' },
  set: { type: 'string', multiple: true },
  replications: { type: 'string' },
  workers: { type: 'string' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--html FILE`: the flag of the commands that write an HTML report (`run` and `compare`, not `sweep`). */
export const HTML_FLAGS = {
  html: { type: 'string' },
} as const;

/** The parsed common arguments. */
export interface ScenarioArgs {
  scenario: string;
  seed?: number;
  durationMs?: number;
  out?: string;
  /** `--html FILE` (run and compare): also write an HTML report there. */
  html?: string;
  progress: boolean;
  /** The `--set` options, parsed, in the order given. */
  sets: SetAxis[];
  /** `--duration` and the `--set` options as written (trimmed), for the outputs' record: {@link writtenOverrides}. */
  written: { duration?: string; sets: string[] };
  /** `--replications N`. @defaultValue 1 */
  replications: number;
  /** `--workers N` (0: no worker thread), else MESHSIM_WORKERS, else the machine's parallelism. */
  workers: number;
  /** `--yes`: make more than {@link SWEEP_RUN_LIMIT} runs without asking. */
  yes: boolean;
  /**
   * Lines to warn with on stderr before the command runs ({@link writeArgWarnings}): arguments that are valid but
   * likely not meant, such as a duration without a unit (`warning: …`), and what a range whose step misses its end
   * runs (`rangeNotes`).
   */
  warnings: string[];
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
  const setTexts = setOptions(values['set']);
  const sets = setTexts.map((text) => {
    try {
      return parseSetOption(text);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error), command);
    }
  });
  checkSetOverlaps(sets, setTexts, command);
  // `run` and `compare` make one run per shape and replication: a --set of several values is a sweep's axis.
  if (command !== 'sweep') checkOneValueEach(sets, setTexts, command);
  const args: ScenarioArgs = {
    scenario,
    progress: values['no-progress'] !== true,
    written: { sets: setTexts.map((text) => text.trim()) },
    sets,
    replications: countFlag(values, 'replications', command, 1) ?? 1,
    workers: countFlag(values, 'workers', command, 0) ?? workersFromEnv(command) ?? defaultWorkers(),
    yes: values['yes'] === true,
    warnings: [],
  };
  const seed = stringFlag(values, 'seed');
  if (seed !== undefined) {
    // As for the duration: the --set would silently win.
    if (args.sets.some((axis) => axis.path === 'seed')) {
      throw new UsageError('give the seed once: --seed or --set seed=…, not both', command);
    }
    args.seed = parseSeed(seed, command);
  }
  const duration = stringFlag(values, 'duration');
  if (duration !== undefined) {
    // Two sources for one field: the --set would silently win (it is applied after --duration).
    if (args.sets.some((axis) => axis.path === 'duration')) {
      throw new UsageError('give the duration once: --duration or --set duration=…, not both', command);
    }
    args.durationMs = parseDuration(duration, command);
    args.written.duration = duration.trim();
    const bare = bareDurationFlagWarning('--duration ', duration);
    if (bare !== null) args.warnings.push(bare);
  }
  // A range whose step misses its end runs fewer values than it seems to (`1..10:4` stops at 9): say which, in every
  // command that takes it — a sweep's axis, or the one value of `run`'s or `compare`'s `--set x=200..800:700`.
  for (const axis of args.sets) pushAll(args.warnings, rangeNotes(axis));
  // Every duration and memory field, by the file's rule (`--set services.api.calls.0.timeout=250` is 250 ms,
  // `--set nodeMemory=16` is 16 MiB, as in a file): one line per axis, its first bare number as the example.
  for (const axis of args.sets) {
    const bare = axis.values.flatMap((value) => {
      const reason = bareOverrideReason(axis.path, value);
      return reason === null ? [] : [reason];
    });
    const [first] = bare;
    if (first === undefined) continue;
    const more =
      bare.length > 1 ? ` (and ${bare.length - 1} more bare number${bare.length > 2 ? 's' : ''})` : '';
    args.warnings.push(`warning: --set ${axis.path}=${first}${more}`);
  }
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

/**
 * Refuses a command that would make more than {@link SWEEP_RUN_LIMIT} runs without `--yes`, as `sweep` does
 * for its grid: a mistyped `--replications 100000` should not start days of work.
 * @param what - How the command gets there, e.g. `--replications 5000` or `4 shapes × 300 replications`.
 * @throws {UsageError} naming the runs and the limit.
 */
export function confirmRuns(runs: number, what: string, args: ScenarioArgs, command: string): void {
  if (runs <= SWEEP_RUN_LIMIT || args.yes) return;
  throw new UsageError(
    `${what}: ${runs} runs, over the limit of ${SWEEP_RUN_LIMIT}: confirm with --yes`,
    command,
  );
}

/** The scenario argument that stands for standard input. */
export const STDIN = '-';

/** Name errors give a scenario read from standard input. */
export const STDIN_NAME = '<stdin>';

/**
 * The scenario's text: a bundled scenario, a file, or `-` for standard input (read once, through `io`;
 * the text then goes to every run, worker threads included).
 * @throws ScenarioError for an unknown name or a missing or invalid file; {@link CliError} when there is
 *   no standard input to read.
 */
export function readScenarioArg(args: ScenarioArgs, io?: CliIo): ScenarioSource {
  if (args.scenario !== STDIN) return readScenarioSource(args.scenario);
  if (io?.readStdin === undefined) throw new CliError(`cannot read the scenario: no standard input`);
  return scenarioSource(STDIN_NAME, io.readStdin());
}

/**
 * The warning for a duration flag given as a bare number, which is milliseconds (docs/cli.md) but easily meant as
 * seconds — `warning: --duration 5 is 5 ms (…); write 5s for seconds, or 5ms to keep milliseconds without this
 * warning`, the wording of a scenario file's (`bareDurationReason`) — or null for a duration with a unit.
 * @param given - How the option was written up to the number, e.g. `--duration ` or `--set duration=`.
 */
export function bareDurationFlagWarning(given: string, value: string | number): string | null {
  const reason = bareDurationReason(value);
  return reason === null ? null : `warning: ${given}${reason}`;
}

/** Writes the warnings of the parsed arguments to stderr, one line each, as `meshsim: warning: …` (or `meshsim: …`). */
export function writeArgWarnings(args: ScenarioArgs, io: CliIo): void {
  for (const warning of args.warnings) io.stderr.write(`meshsim: ${warning}\n`);
}

/** Whether a `--set` chooses the mesh shape (`mesh=linkerd`, `mesh.shape=linkerd`), as `--mesh` does. */
export function setsMeshShape(axis: SetAxis): boolean {
  return axis.path === 'mesh' || axis.path === 'mesh.shape';
}

/**
 * What a `--set` path writes, for comparing two of them: list indices as numbers (`calls.00` is `calls.0`), and
 * `mesh=<shape>` as `mesh.shape` (it sets the shape and keeps the file's mesh options, as `--mesh`; `mesh=null`
 * removes the whole mesh).
 */
function writtenPath(axis: SetAxis): string {
  const path = axis.path
    .split('.')
    .map((segment) => (/^\d+$/.test(segment) ? String(Number(segment)) : segment))
    .join('.');
  return path === 'mesh' && !axis.values.includes(null) ? 'mesh.shape' : path;
}

/**
 * Refuses two `--set`s of the same path, or one inside the other's value (`shedding=codel` and
 * `shedding.queue-timeout=100ms`): one would silently replace the other, depending on their order.
 * @param texts - The options as written, for the message.
 * @throws {UsageError} naming both `--set`s.
 */
function checkSetOverlaps(sets: readonly SetAxis[], texts: readonly string[], command: string): void {
  const paths = sets.map(writtenPath);
  for (let j = 1; j < sets.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [paths[i] as string, paths[j] as string];
      const [first, second] = [`--set ${texts[i] as string}`, `--set ${texts[j] as string}`];
      if (a === b) {
        // A sweep's axis lists all its values in one --set (two would be one axis ignored, or a fixed value overridden).
        const hint =
          command === 'sweep'
            ? `give each path once, with all its values (--set ${a}=a,b,c)`
            : 'give it once';
        throw new UsageError(`${first} and ${second} both set ${a}: ${hint}`, command);
      }
      const [outer, inner] = b.startsWith(`${a}.`) ? [a, b] : a.startsWith(`${b}.`) ? [b, a] : [];
      if (outer !== undefined && inner !== undefined) {
        throw new UsageError(
          `${first} and ${second} overlap: one sets ${outer} whole, the other ${inner} inside it: give one of them`,
          command,
        );
      }
    }
  }
}

/**
 * Refuses a `--set` of several values (a list, or a range of several) in a command that makes one run per path's
 * value (`run`, `compare`): `meshsim sweep` runs each.
 * @param texts - The options as written, for the message.
 * @throws {UsageError} naming the `--set` as written and `meshsim sweep`.
 */
function checkOneValueEach(sets: readonly SetAxis[], texts: readonly string[], command: string): void {
  sets.forEach((axis, i) => {
    if (axis.values.length === 1) return;
    throw new UsageError(
      `--set ${(texts[i] ?? axis.path).trim()} has ${axis.values.length} values: 'meshsim ${command}' takes one value per path (use 'meshsim sweep' for a grid)`,
      command,
    );
  });
}

/** The values of a repeatable string flag. */
function setOptions(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/** An integer flag >= `min`, or undefined when absent. */
/**
 * `MESHSIM_WORKERS` as a number of workers, as strict as `--workers` (an integer ≥ 0; 0 runs in this thread);
 * undefined when it is not set.
 * @throws UsageError naming the variable for any other value (`abc`, `1.5`, `-2`, empty).
 */
export function workersFromEnv(command: string): number | undefined {
  const text = process.env['MESHSIM_WORKERS'];
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text.trim()))) {
    throw new UsageError(
      `invalid value for MESHSIM_WORKERS: '${text}' (expected an integer >= 0, e.g. MESHSIM_WORKERS=4; 0 runs ` +
        `every run in this thread; --workers overrides it)`,
      command,
    );
  }
  return Number(text.trim());
}

export function countFlag(
  values: Record<string, unknown>,
  name: string,
  command: string,
  min: number,
): number | undefined {
  const text = values[name];
  if (typeof text !== 'string') return undefined;
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `invalid value for --${name}: '${text}' (expected an integer >= ${min}, e.g. --${name} ${Math.max(min, 4)})`,
      command,
    );
  }
  return n;
}

/**
 * What the command line changes of the scenario, as written, in the order {@link fixedOverrides} applies it:
 * `seed=N`, `duration=D`, `mesh=SHAPE`, then each `--set` — each a `--set` that makes the same change. The outputs
 * record it (`Overrides:` in the text, `scenario.overrides` in JSON, the HTML report's run details), so a report
 * says what was run: `meshsim run incident.yaml --set services.db.deadlinePropagation=true` →
 * `['services.db.deadlinePropagation=true']`.
 * @param mesh - `run`'s `--mesh` (`compare`'s lists the shapes compared: not an override).
 */
export function writtenOverrides(args: ScenarioArgs, mesh?: string): string[] {
  const written: string[] = [];
  if (args.seed !== undefined) written.push(`seed=${String(args.seed)}`);
  if (args.written.duration !== undefined) written.push(`duration=${args.written.duration}`);
  if (mesh !== undefined) written.push(`mesh=${mesh}`);
  return [...written, ...args.written.sets];
}

/**
 * The overrides every run of the command gets: --seed, --duration, --mesh, then every single-valued --set.
 * `run` and `compare` pass every --set (parseScenarioArgs refused several values), `sweep` its single-valued ones.
 */
export function fixedOverrides(args: ScenarioArgs, command: string, mesh?: string): Override[] {
  const fixed: Override[] = [];
  if (args.seed !== undefined) fixed.push({ path: 'seed', value: args.seed });
  if (args.durationMs !== undefined) fixed.push({ path: 'duration', value: `${args.durationMs}ms` });
  if (mesh !== undefined) fixed.push({ path: 'mesh', value: mesh });
  for (const axis of args.sets) {
    // parseScenarioArgs refused several values for `run` and `compare`; `sweep` passes its fixed --sets only.
    if (axis.values.length !== 1) throw new Error(`--set ${axis.path}: one value expected (${command})`);
    fixed.push({ path: axis.path, value: axis.values[0] as Override['value'] });
  }
  return fixed;
}
