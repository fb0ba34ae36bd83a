// Holds an imported number within the scenario format's bound for its field (the rule tables of @meshsim/mesh), so
// that a value the inputs may hold but a scenario may not (Istio's `attempts: 100000`, a `timeout: 10000h`) is taken
// at the bound, warned at its line with why meshsim bounds it, instead of making the whole import fail.

import { LIMIT_RULES, SCENARIO_RULES, SERVICE_RULES, findRuleRow } from '@meshsim/mesh';
import type { RuleRow, RuleSource } from '@meshsim/mesh';

import type { ModelBuilder } from '../model/ModelBuilder.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import type { FieldPath } from './fieldPath.js';
import type { SourceDocument } from './SourceDocument.js';

/** How the warning of {@link fitToRuleMax} names the value and the field. */
export interface FitWording {
  /** The value as the input writes it: `attempts 100000 (100001 tries)`. */
  readonly written: string;
  /** The scenario field it becomes: `retry.attempts`. */
  readonly field: string;
  /** How a scenario writes a value of the field (the bound, in the row's unit). @defaultValue `String` */
  readonly show?: (value: number) => string;
  /** What taking the bound means, after it: ` (99 retries)`. @defaultValue nothing */
  readonly effect?: string;
}

/** Why a bound is what it is: the assumption behind it, or what its source says. */
function boundReason(source: RuleSource): string {
  return 'assumption' in source ? source.assumption : (source.note ?? `docs/sources.md#${source.cite}`);
}

/**
 * `value` (in the unit of `row`, as the scenario holds it), or the row's maximum when it is above it: then a warning
 * at `path` names the value, the scenario's bound and why meshsim bounds it (the row's source), and the value taken.
 *
 * @example
 * ```ts
 * // attempts: 100000 in a VirtualService → 100, warned: attempts 100000 (100001 tries) is more than a scenario's
 * // retry.attempts holds (at most 100: Envoy and Istio default to 2–3 tries; …); imported as retry.attempts: 100
 * fitToRuleMax(doc, builder, path, 100_001, findRuleRow(RETRY_RULES, 'attempts'), { written, field: 'retry.attempts' });
 * ```
 */
export function fitToRuleMax(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  value: number,
  row: RuleRow,
  wording: FitWording,
): number {
  const max = row.max;
  if (max === undefined || value <= max.value) return value;
  const show = wording.show ?? String;
  builder.warnings.at(
    doc,
    path,
    `${wording.written} is more than a scenario's ${wording.field} holds (at most ${show(max.value)}: ${boundReason(max.source)}); imported as ${wording.field}: ${show(max.value)}${wording.effect ?? ''}`,
  );
  return max.value;
}

/** The longest duration a scenario holds (ms), and the longest run. */
const LONGEST_MS = findRuleRow(LIMIT_RULES, 'longestDuration').max?.value ?? Infinity;
const LONGEST_RUN_MS = findRuleRow(SCENARIO_RULES, 'duration').max?.value ?? Infinity;

/**
 * A duration (ms) read at `path`, or the longest a scenario holds (a year) when it is longer: a run lasts at most 30
 * days, so a longer timeout, delay or period acts in it as the longest one does. Warned at `path`, naming `written`.
 */
export function fitDuration(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  ms: number,
  written: string,
): number {
  if (ms <= LONGEST_MS) return ms;
  builder.warnings.at(
    doc,
    path,
    `${written} is longer than any duration a scenario holds (at most ${formatDurationMs(LONGEST_MS)}, a year, longer than any run, which lasts at most ${formatDurationMs(LONGEST_RUN_MS)}); imported as ${formatDurationMs(LONGEST_MS)}, which acts the same in any run`,
  );
  return LONGEST_MS;
}

/** A service's (or one workload's) replicas, held within the most a scenario service runs (warned at `path`). */
export function fitReplicas(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  replicas: number,
): number {
  return fitToRuleMax(doc, builder, path, replicas, findRuleRow(SERVICE_RULES, 'replicas'), {
    written: `${String(replicas)} replicas`,
    field: 'replicas',
  });
}
