// `meshsim compare <name|file> --mesh a,b,c`: the same scenario and seeds under each mesh shape, side by
// side, run on the worker pool; with --replications N, paired differences against the baseline.

import { planSweep, readScenarioSource, runTasks } from '@meshsim/analysis';
import type { Diagnosis, RunFigures } from '@meshsim/analysis';
import { meshShapeNames } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { renderComparisonJson, renderComparisonText, summarizeComparison } from '@meshsim/report';

import type { CliIo } from '../CliIo.js';
import { commandHelp } from '../help.js';
import { parseMeshList, stringFlag, writeOutput } from '../internal/flags.js';
import { SCENARIO_FLAGS, fixedOverrides, parseScenarioArgs } from '../internal/scenarioArgs.js';
import type { ScenarioArgs } from '../internal/scenarioArgs.js';
import { parseCommandArgs } from '../internal/parseCommandArgs.js';
import { formatDoneLine } from '../progress.js';

/** The parsed command line of `meshsim compare`. */
export interface CompareArgs extends ScenarioArgs {
  shapes: string[];
  json: boolean;
}

/**
 * Runs the scenario once per mesh shape and replication with the same seeds — so every shape sees the
 * same arrivals and service times (common random numbers: streams are named per purpose) — on the
 * worker pool, and prints the comparison (with paired differences when there are replications). One
 * progress line per finished run goes to stderr.
 */
export async function compareCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCompareArgs(args);
  if (parsed === 'help') {
    io.stdout.write(commandHelp('compare'));
    return 0;
  }
  const source = readScenarioSource(parsed.scenario);
  const fixed = fixedOverrides(parsed, 'compare');
  const plan = planSweep(source, [{ path: 'mesh', values: parsed.shapes }], fixed, parsed.replications);
  // The first replication of each shape keeps its full result (the side-by-side table).
  const tasks = plan.tasks.map((task) => ({ ...task, keepResult: task.replication === 0 }));
  const startedMs = performance.now();
  const outcomes = await runTasks(source, tasks, {
    workers: parsed.workers,
    onOutcome: (outcome, done, total) => {
      if (!parsed.progress) return;
      const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
      const replication = parsed.replications > 1 ? ` replication ${outcome.replication + 1}` : '';
      io.stderr.write(`[${done}/${total}] ${outcome.mesh}${replication}: done at ${seconds} s\n`);
    },
  });
  const results: SimulationResult[] = [];
  const diagnoses: Diagnosis[] = [];
  const figures: RunFigures[][] = parsed.shapes.map(() => []);
  for (const outcome of outcomes) {
    if (outcome.result !== undefined) {
      results.push(outcome.result);
      diagnoses.push(outcome.diagnosis);
    }
    figures[outcome.point]?.push(outcome.figures);
  }
  const summary = summarizeComparison(results, {
    diagnoses,
    ...(parsed.replications > 1 && { replications: figures }),
  });
  const output = parsed.json ? renderComparisonJson(summary) : renderComparisonText(summary);
  writeOutput(io, parsed.out, parsed.json ? 'json' : 'text', output);
  const events = outcomes.reduce((n, o) => n + o.events, 0);
  io.stderr.write(formatDoneLine(performance.now() - startedMs, events) + '\n');
  return 0;
}

/**
 * Parses and checks the arguments of `meshsim compare`.
 * @returns The arguments, or `'help'` for `--help`.
 * @throws {UsageError} naming the flag and value for any mistake.
 */
export function parseCompareArgs(args: readonly string[]): CompareArgs | 'help' {
  const { values, positionals } = parseCommandArgs('compare', args, {
    ...SCENARIO_FLAGS,
    mesh: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values['help'] === true) return 'help';
  const mesh = stringFlag(values, 'mesh');
  return {
    ...parseScenarioArgs('compare', values, positionals, 'meshsim compare <name|file> --mesh a,b,c'),
    shapes: mesh === undefined ? meshShapeNames() : parseMeshList(mesh, 'compare'),
    json: values['json'] === true,
  };
}
