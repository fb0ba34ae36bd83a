// The assertion every fuzzed scenario file must pass: the loader either accepts it or throws a
// ScenarioError whose every issue names the file and a field path (or line and column), in bounded time,
// without printing a process warning; a file that must be refused is refused; a file accepted runs (its
// first second, bounded) without an exception and its result keeps every invariant. Returns problems
// instead of throwing, for the fuzz runner.

import { SCENARIO_LIMITS, simulate } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';

import { assertResultInvariants } from '../../../mesh/test/__helpers__/assertions.js';

import { ScenarioError, parseScenario } from '../../src/index.js';
import type { FuzzedFile } from './scenarioMutations.js';

/** Longest a file may take to load or be refused [ms] (a padded 100 KB string included, on a loaded machine). */
export const PER_FILE_LIMIT_MS = 5_000;

/** How much of an accepted file runs: its first simulated second, at most this many events. */
const RUN_MS = 1_000;
const RUN_MAX_EVENTS = 500_000;

/** Whole-file reasons, which have no field path: size, aliases, an empty or non-map document. */
const WHOLE_FILE_REASON =
  /alias|the file is .* MiB|must be a map|must be an object|expected an object|empty/i;

/** What the loader did with a fuzzed file. */
export interface FuzzOutcome {
  accepted: boolean;
  /** Everything wrong with how the file was handled; empty when all is well. */
  problems: string[];
  elapsedMs: number;
}

/** Loads `file` and checks how the loader handled it (see the file comment). */
export function checkFuzzedFile(file: FuzzedFile): FuzzOutcome {
  const problems: string[] = [];
  const started = performance.now();
  let accepted = false;
  // A warning the loader (or a library under it) would print on the user's terminal is a problem too.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error) => {
    problems.push(
      `printed a warning: ${String(warning instanceof Error ? warning.message : warning).slice(0, 300)}`,
    );
  }) as typeof process.emitWarning;
  try {
    const config = parseScenario(file.text, file.name);
    accepted = true;
    if (file.mustReject !== undefined) problems.push(`accepted a file with ${file.mustReject}`);
    if (!(config.durationMs > 0 && Number.isFinite(config.durationMs))) {
      problems.push(`accepted a duration of ${config.durationMs} ms`);
    } else {
      problems.push(...runProblems(config));
    }
  } catch (error) {
    if (!(error instanceof ScenarioError)) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      problems.push(`crashed with a non-ScenarioError: ${text.slice(0, 600)}`);
    } else {
      for (const issue of error.issues) {
        const where =
          issue.path !== '' ||
          (issue.line !== undefined && issue.column !== undefined) ||
          WHOLE_FILE_REASON.test(issue.reason);
        if (issue.file !== file.name) problems.push(`an issue names file ${issue.file}, not ${file.name}`);
        if (!where) problems.push(`an issue names no field path nor line and column: ${issue.reason}`);
        if (/call stack|\[object Object\]/.test(issue.reason)) {
          problems.push(`an odd message: ${issue.reason.slice(0, 300)}`);
        }
      }
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  const elapsedMs = performance.now() - started;
  if (elapsedMs > PER_FILE_LIMIT_MS)
    problems.push(`took ${Math.round(elapsedMs)} ms (limit ${PER_FILE_LIMIT_MS} ms)`);
  return { accepted, problems, elapsedMs };
}

/** The nesting limit fuzzed files are tagged against. */
export const FUZZ_MAX_DEPTH = SCENARIO_LIMITS.nestingDepth;

/** What is wrong when the accepted `config` runs (its first {@link RUN_MS}): an exception, or a broken invariant. */
function runProblems(config: SimulationConfig): string[] {
  const short = { ...config, durationMs: Math.min(config.durationMs, RUN_MS) };
  try {
    const result = simulate(short, { maxEvents: RUN_MAX_EVENTS });
    // A run a guard stopped covers less than it says; its invariants are checked by the guards' own tests.
    if (result.stopped === undefined) assertResultInvariants(result, maxAttemptsOf(config));
    return [];
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return [`accepted, then failed when run: ${text.slice(0, 600)}`];
  }
}

/** The most tries any call or source of `config` makes (3 at least: the meshes' default retry policies). */
function maxAttemptsOf(config: SimulationConfig): number {
  let most = 3;
  for (const service of config.services) {
    for (const stage of service.calls)
      for (const call of stage) most = Math.max(most, call.policy.retry.maxAttempts);
  }
  for (const source of config.traffic) most = Math.max(most, source.policy.retry.maxAttempts);
  return most;
}
