// Building blocks shared by the scenario schemas: error helpers, names, quantities (durations, rates,
// sizes, percentages) and distributions. schema.ts assembles the file; policySchema.ts the policies.

import { DISTRIBUTION_KINDS, DistributionParamError, validateDistribution } from '@meshsim/engine';
import { MIN_CPU_CORES, SCENARIO_LIMITS } from '@meshsim/mesh';
import * as z from 'zod';
import { parsePath } from './internal/path.js';
import { problemPlaces } from './internal/zodIssues.js';
import type { ProblemPlace } from './internal/zodIssues.js';
import type { PathSegment } from './internal/path.js';
import { scenarioRegistry } from './internal/registry.js';
import type { RawDistribution, RawDistributionObject } from './RawDistribution.js';
import { got, show } from './internal/show.js';
import { toDistributionSpec } from './internal/toDistributionSpec.js';
import { writtenDuration } from './internal/writtenDuration.js';
import {
  BYTE_SIZE_PATTERN,
  CPU_PATTERN,
  DURATION_PATTERN,
  PERCENT_PATTERN,
  RATE_PATTERN,
  parseCpuCores,
  exponentReason,
  isByteSizeText,
  milliBytesReason,
  isCpuText,
  isDurationText,
  isPercentText,
  isRateText,
  isNegatedQuantity,
  parseDurationMs,
  parsePercent,
  parseRate,
} from './units.js';

/** Service and namespace names: Kubernetes DNS-1035 labels. */
export const NAME_PATTERN = '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$';

/** The duration in ms, or NaN when `value` is not a valid duration (refinements run on invalid input too). */
export function durationOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && isDurationText(value)) return parseDurationMs(value);
  return NaN;
}

/** The rate in requests per second, or NaN when `value` is not a valid rate. */
export function rateOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && isRateText(value)) return parseRate(value);
  return NaN;
}

/**
 * A quantity string: at most `SCENARIO_LIMITS.quantityLength` characters and of the form `accepts` reads
 * (a single linear scan, no regular expression); `pattern` is what the JSON Schema tells editors. A
 * string that is the form with a minus sign (`-5ms`) "cannot be negative" rather than `reason`, and one in
 * exponent notation (`1e3ms`) says so and how to write it ({@link exponentReason}).
 */
function quantityString(
  accepts: (text: string) => boolean,
  pattern: string,
  reason: string,
  why: (text: string) => string | null = () => null,
): z.ZodType<string> {
  const max = SCENARIO_LIMITS.quantityLength;
  const schema = z
    .string()
    .max(max, { error: (iss) => got(`is too long: at most ${max} characters`, iss.input), abort: true })
    .superRefine((text, ctx) => {
      if (accepts(text)) return;
      const negative = isNegatedQuantity(text, accepts);
      ctx.addIssue({
        code: 'custom',
        input: text,
        message: got(
          negative ? 'cannot be negative' : (exponentReason(text, accepts) ?? withWhy(reason, why(text))),
          text,
        ),
      });
    });
  scenarioRegistry.add(schema, { pattern });
  return schema;
}

/** `reason`, then `: why` when there is one (`must be a memory size …: 512m is 0.512 bytes …`). */
function withWhy(reason: string, why: string | null): string {
  return why === null ? reason : `${reason}: ${why}`;
}

/** `1us`, `250ms`, `720h`: a duration as a scenario writes it, for messages. */
export function showMs(ms: number): string {
  if (ms > 0 && ms < 1) return `${ms * 1000}us`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * Why a duration is outside the range every duration of a scenario must be in (LIMIT_RULES:
 * `shortestDuration`, `longestDuration`, or the field's own `maxMs`), or null when it is inside.
 */
export function durationRangeProblem(
  ms: number,
  maxMs: number = SCENARIO_LIMITS.longestDurationMs,
): string | null {
  if (Number.isNaN(ms)) return null;
  if (ms > maxMs) return `must be at most ${showMs(maxMs)}`;
  if (ms > 0 && ms < SCENARIO_LIMITS.shortestDurationMs) {
    return `must be 0 or at least ${showMs(SCENARIO_LIMITS.shortestDurationMs)}, the finest duration a scenario writes`;
  }
  return null;
}

/** A refinement adding the issue of {@link durationRangeProblem}. */
function checkDurationRange(value: unknown, ctx: z.RefinementCtx): void {
  const problem = durationRangeProblem(durationOrNaN(value));
  if (problem !== null) ctx.addIssue({ code: 'custom', message: got(problem, value) });
}

/** Runs a refinement only when the value itself is valid (no unknown keys, no bad fields), to avoid follow-on noise. */
export const IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** The issues a refinement's `when` sees: paths relative to the refined value. */
type WhenPayload = {
  issues: readonly { path?: readonly PropertyKey[] | undefined; code?: string | undefined }[];
};

/**
 * Runs a refinement of an object when the object's `fields` are valid, whatever else is wrong with it (an unknown key,
 * another field's bad value): the refinement's problems, which only read those fields, are then reported beside the
 * others instead of waiting for them to be fixed (`replicaz: 2` no longer hides `cpuLimit` below `cpuRequest`).
 */
export function ifFieldsValid(fields: readonly string[]): { when: (payload: WhenPayload) => boolean } {
  return {
    when: (payload) =>
      payload.issues.every((issue) => {
        const path = issue.path ?? [];
        // [field, …]: a problem inside a field; [] with unknown keys: the value is still an object.
        if (path.length >= 1) return !fields.includes(String(path[0]));
        return issue.code === 'unrecognized_keys';
      }),
  };
}

/**
 * Runs a refinement of a list of objects when each item is an object whose `fields` are valid, whatever else is wrong
 * with them (a bad `ramp`, an unknown key): the refinement's problems, which only read those fields, are then
 * reported beside the others instead of waiting for them to be fixed (the loader reports every problem at once).
 */
export function ifItemFieldsValid(fields: readonly string[]): { when: (payload: WhenPayload) => boolean } {
  return {
    when: (payload) =>
      payload.issues.every((issue) => {
        const path = issue.path ?? [];
        // [i, field, …]: a problem inside an item's field; [i] with unknown keys: the item is still an object.
        if (path.length >= 2) return !fields.includes(String(path[1]));
        return path.length === 1 && issue.code === 'unrecognized_keys';
      }),
  };
}

/**
 * Attaches a description (shown by editors on hover) to a schema, in the private registry. A schema
 * that is already registered (a shared part such as `Duration`) is cloned first, so that each field
 * keeps its own description and the part keeps its id.
 */
export function doc<T extends z.ZodType>(schema: T, description: string): T {
  const target = scenarioRegistry.has(schema) ? (schema.clone() as T) : schema;
  scenarioRegistry.add(target, { description });
  return target;
}

/** A schema-level error: `reason (got <input>)`; `is required` for a missing required field, as the error map says. */
export function must(reason: string): { error: (iss: { input?: unknown }) => string } {
  return { error: (iss) => (iss.input === undefined ? 'is required' : got(reason, iss.input)) };
}

/** How a duration is written, for error messages. */
export const DURATION_HELP = 'a duration such as 250ms, 1.5s, 5m, 300us or a number of milliseconds';

const durationString = quantityString(isDurationText, DURATION_PATTERN, `must be ${DURATION_HELP}`);

/** A non-negative integer >= `min`, with `must be an integer >= min` messages. */
export function integer(min: number): z.ZodNumber {
  return z.int(must('must be an integer')).min(min, must(`must be an integer >= ${min}`));
}

/** A probability in [0, 1]. */
export const Probability = z
  .number(must('must be a probability in [0, 1]'))
  .min(0, must('must be a probability in [0, 1]'))
  .max(1, must('must be a probability in [0, 1]'));

const PERCENT_HELP = 'a percentage in [0, 100]: a number (12.5) or a string such as 12.5%';

/** The percentage, or NaN when `value` is not a valid percentage (refinements run on invalid input too). */
export function percentOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && isPercentText(value)) return parsePercent(value);
  return NaN;
}

/** A percentage in [0, 100]: a number (`12.5`) or a string with `%` (`12.5%`). */
export const Percent = z
  .union(
    [
      z
        .number()
        .min(0, must(`must be ${PERCENT_HELP}`))
        .max(100, must(`must be ${PERCENT_HELP}`)),
      quantityString(isPercentText, PERCENT_PATTERN, `must be ${PERCENT_HELP}`).refine(
        (s) => !(percentOrNaN(s) > 100),
        must(`must be ${PERCENT_HELP}`),
      ),
    ],
    must(`must be ${PERCENT_HELP}`),
  )
  .register(scenarioRegistry, {
    id: 'Percent',
    description: 'A percentage in [0, 100]: a number (12.5) or a string with % (12.5%).',
  });

/** A name (DNS-1035 label), used for services and namespaces. */
export const Name = z
  .string()
  .regex(
    new RegExp(NAME_PATTERN),
    must('must be a lowercase name: letters, digits and "-", starting with a letter, at most 63 characters'),
  );

// ---------------------------------------------------------------------------------------------
// Quantities

/**
 * The union of the duration forms (a number >= 0 [ms] or a string with a unit), without the range
 * every duration must be in: for fields that check the range together with their own bounds.
 */
export function durationForms(positive: boolean): z.ZodType<number | string> {
  return positive
    ? z.union(
        [
          z.number().positive(),
          durationString.refine((s) => !(durationOrNaN(s) <= 0), must('must be a duration > 0')),
        ],
        must(`must be ${DURATION_HELP}, > 0`),
      )
    : z.union([z.number().min(0), durationString], must(`must be ${DURATION_HELP}`));
}

/** A duration >= 0: a number [ms] or a string with a unit; 0 or between 1us and 365 days (LIMIT_RULES). */
export const Duration = durationForms(false).superRefine(checkDurationRange).register(scenarioRegistry, {
  id: 'Duration',
  description:
    'A duration >= 0: a number of milliseconds, or a string with a unit us, ms, s, m or h (250ms, 1.5s).',
});

/** A duration > 0: between 1us and 365 days (LIMIT_RULES). */
export const PositiveDuration = durationForms(true)
  .superRefine(checkDurationRange)
  .register(scenarioRegistry, {
    id: 'PositiveDuration',
    description:
      'A duration > 0: a number of milliseconds, or a string with a unit us, ms, s, m or h (250ms, 1.5s).',
  });

const rateString = quantityString(
  isRateText,
  RATE_PATTERN,
  'must be a rate such as 800, 800/s, 48000/m or 800rps',
);

/** A request rate >= 0: a number [req/s] or a string with a unit (`800/s`, `48000/m`, `800rps`), at most LIMIT_RULES' `rate`. */
export const RateValue = z
  .union([z.number().min(0), rateString], must('must be a rate such as 800, 800/s, 48000/m or 800rps'))
  .superRefine((value, ctx) => {
    if (rateOrNaN(value) > SCENARIO_LIMITS.maxRps) {
      ctx.addIssue({
        code: 'custom',
        message: got(`must be at most ${SCENARIO_LIMITS.maxRps}/s, the largest rate of a scenario`, value),
      });
    }
  })
  .register(scenarioRegistry, {
    id: 'RateValue',
    description: 'Requests per second: a number, or a string 800/s, 800rps, 48000/m, 2880000/h.',
  });

/** A memory size: a number (in the field's unit) or a string with a unit (`64Mi`, `50MB`). */
export const MemorySize = z
  .union(
    [
      z.number().min(0),
      quantityString(
        isByteSizeText,
        BYTE_SIZE_PATTERN,
        'must be a memory size such as 64Mi, 4G or 50MB',
        milliBytesReason,
      ),
    ],
    must('must be a memory size such as 64Mi, 4G or 50MB, or a number'),
  )
  .register(scenarioRegistry, {
    id: 'MemorySize',
    description:
      'A memory size: a number in the unit of the field, or a Kubernetes quantity (64Mi, 512Ki, 1Gi, 4G, 500M: every suffix Kubernetes reads but m), or 50MB.',
  });

const CPU_REASON = 'must be a CPU quantity of at least 1m: cores (2, 0.5) or millicores (500m)';

/** A CPU quantity of at least 1m: a number of cores, or a Kubernetes quantity string (`500m`, `2`). */
export const CpuQuantity = z
  .union(
    [
      z.number().gte(MIN_CPU_CORES, must(CPU_REASON)),
      z.string().regex(new RegExp(CPU_PATTERN), {
        error: (iss) =>
          got(
            typeof iss.input === 'string' ? (exponentReason(iss.input, isCpuText) ?? CPU_REASON) : CPU_REASON,
            iss.input,
          ),
      }),
    ],
    must(CPU_REASON),
  )
  .refine((value) => parseCpuCores(value) >= MIN_CPU_CORES, { ...must(CPU_REASON), ...IF_VALID })
  .register(scenarioRegistry, {
    id: 'CpuQuantity',
    description: 'CPU: a number of cores (2, 0.5) or a Kubernetes quantity in millicores (500m).',
  });

// ---------------------------------------------------------------------------------------------
// Distributions

const positiveNumber = z.number().positive();

const Uniform = z.strictObject({ min: Duration, max: Duration });

const LognormalByQuantiles = z.strictObject({ median: PositiveDuration, p99: PositiveDuration });

const EmpiricalBin = z.strictObject({ lower: Duration, upper: Duration, count: z.number().min(0) });

/** The written value at `path` inside `object` (undefined when the path leaves it). */
function valueAt(object: unknown, path: readonly PathSegment[]): unknown {
  let value = object;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Whether a problem of `places` (other than an unknown key) is at `prefix` or inside it. */
function problemWithin(places: readonly ProblemPlace[], prefix: readonly PathSegment[]): boolean {
  return places.some(
    (place) =>
      !place.unknownKey &&
      prefix.length <= place.path.length &&
      prefix.every((segment, i) => place.path[i] === segment),
  );
}

/**
 * Validates `part` (a distribution object, or a piece of `object` standing alone) with the engine and reports its
 * complaint at the field of `object` it names — `rename` turning the part's path into the object's — with the values
 * as `object` writes them (`must be >= min (5ms) (got "3ms")`).
 */
function reportEngineProblem(
  object: RawDistributionObject,
  part: RawDistributionObject,
  kind: string,
  ctx: z.RefinementCtx,
  rename: (path: PathSegment[]) => PathSegment[] = (path) => path,
): boolean {
  const placeholder = { kind: 'constant', value: 0 } as const;
  try {
    validateDistribution(
      toDistributionSpec(part, () => placeholder),
      kind,
    );
    return false;
  } catch (error) {
    // Beside an unknown key, the written fields may not make one of the kind's forms (lognormal's mu with a median):
    // that key's error says what is wrong. On valid input, another error is a bug.
    if (!(error instanceof DistributionParamError)) {
      if (ctx.issues.length > 0) return false;
      throw error;
    }
    // The engine names a mixture's list `components`; a scenario writes it as `mixture` itself.
    const path = rename(
      parsePath(error.field).filter((s, i, all) => !(s === 'components' && all[i - 1] === 'mixture')),
    );
    const written = valueAt(object, path);
    const scalar = typeof written === 'number' || typeof written === 'string';
    const bound = error.bound;
    const rule =
      bound === undefined
        ? error.rule
        : `must be ${bound.strict ? '>' : '>='} ${bound.field} (${writtenDuration(valueAt(object, [...path.slice(0, -1), bound.field]))})`;
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${rule} (got ${scalar ? show(written) : String(error.value)})`,
    });
    return true;
  }
}

/**
 * Checks a written distribution object with the engine's `validateDistribution` — the one validation of
 * distributions — and reports its complaint at the written field ({@link reportEngineProblem}). It runs whatever else
 * the object gets wrong, on the parts whose fields are valid, so that no problem waits for another to be fixed: an
 * unknown key beside the parameters (`uniform: { min: 5ms, max: 3ms, mx: 1 }` is told both), each histogram bin whose
 * fields are valid on its own (then the bins' total count when all are), a mixture's weights whatever its components
 * get wrong (each component is a distribution object checked on its own). Not with a problem of the object itself (no
 * kind, or two).
 */
function checkWithEngine(object: RawDistributionObject, ctx: z.RefinementCtx): void {
  const places = problemPlaces(ctx.issues as unknown as Parameters<typeof problemPlaces>[0]);
  // A problem of the object itself (not an object, no kind or two kinds): no one kind's parameters to check.
  if (places.some((place) => !place.unknownKey && place.path.length === 0)) return;
  if (typeof object !== 'object' || object === null) return;
  const kinds = Object.keys(object).filter((key) => (object as Record<string, unknown>)[key] !== undefined);
  const [kind] = kinds;
  if (kind === undefined || kinds.length > 1) return;
  if (kind === 'mixture') {
    // Its weights (and the list's own shape): a problem inside a component's dist is that distribution's own.
    const weightsValid = !places.some(
      (place) => !place.unknownKey && !(place.path.length >= 3 && place.path[2] === 'dist'),
    );
    if (weightsValid) reportEngineProblem(object, object, kind, ctx);
    return;
  }
  const empirical = object.empirical;
  if (empirical !== undefined && 'bins' in empirical && Array.isArray(empirical.bins)) {
    // The list itself (empty, not a list) or the object (samples and bins): nothing to check bin by bin.
    if ('samples' in empirical || places.some((place) => !place.unknownKey && place.path.length < 3)) return;
    // Each bin alone, at its own index (its count as 1: the total is checked once every bin is valid).
    let allValid = true;
    empirical.bins.forEach((bin, i) => {
      if (problemWithin(places, ['empirical', 'bins', i])) {
        allValid = false;
        return;
      }
      const alone = { empirical: { bins: [{ ...bin, count: 1 }] } };
      const atIndex = (path: PathSegment[]): PathSegment[] =>
        path.map((segment, j) => (j === 2 && path[1] === 'bins' ? i : segment));
      if (reportEngineProblem(object, alone, kind, ctx, atIndex)) allValid = false;
    });
    if (allValid) reportEngineProblem(object, object, kind, ctx);
    return;
  }
  if (!problemWithin(places, [kind])) reportEngineProblem(object, object, kind, ctx);
}

/** A distribution: a duration (constant) or a one-key object such as `{ exponential: { mean: 8ms } }`. */
export const Distribution: z.ZodType<RawDistribution> = z
  .lazy(() =>
    z.union(
      [Duration, DistributionObject],
      must(
        `must be ${DURATION_HELP} (a constant) or a distribution object such as { exponential: { mean: 8ms } }`,
      ),
    ),
  )
  .register(scenarioRegistry, {
    id: 'Distribution',
    description:
      'A distribution of durations: a duration (constant), or an object with exactly one key naming the kind, e.g. { exponential: { mean: 8ms } }.',
  });

const MixtureComponent = z.strictObject({ weight: z.number().min(0), dist: Distribution });

/**
 * When a distribution object's kinds are counted: whatever is wrong inside a kind's parameters, but not with an unknown
 * key beside the kinds (a misspelt kind is told its did-you-mean, not also that the object names none).
 */
const ONLY_INSIDE_KINDS = {
  when: (payload: WhenPayload) => payload.issues.every((issue) => (issue.path?.length ?? 0) >= 1),
};

/** The object form of a distribution: exactly one key naming the kind. */
export const DistributionObject: z.ZodType<RawDistributionObject> = z
  .strictObject({
    constant: doc(Duration.optional(), 'Always this duration.'),
    uniform: doc(Uniform.optional(), 'Uniform on [min, max).'),
    exponential: doc(z.strictObject({ mean: PositiveDuration }).optional(), 'Exponential with this mean.'),
    normal: doc(
      z.strictObject({ mean: Duration, stdDev: Duration }).optional(),
      'Normal (Gaussian); the model clamps negative draws to 0.',
    ),
    lognormal: doc(
      z
        .union(
          [LognormalByQuantiles, z.strictObject({ mu: z.number(), sigma: z.number().min(0) })],
          must('must be { median, p99 } or { mu, sigma }'),
        )
        .optional(),
      'Lognormal, by { median, p99 } (durations) or by { mu, sigma } of ln(ms).',
    ),
    gamma: doc(
      z.strictObject({ shape: positiveNumber, scale: PositiveDuration }).optional(),
      'Gamma with shape k and scale θ (mean kθ).',
    ),
    erlang: doc(
      z.strictObject({ k: integer(1), mean: PositiveDuration }).optional(),
      'Erlang: the sum of k exponentials, with this overall mean.',
    ),
    pareto: doc(
      z.strictObject({ scale: PositiveDuration, shape: positiveNumber }).optional(),
      'Pareto with minimum `scale` and tail index `shape` (mean infinite for shape <= 1).',
    ),
    weibull: doc(
      z.strictObject({ scale: PositiveDuration, shape: positiveNumber }).optional(),
      'Weibull with scale λ and shape k (k = 1 is exponential).',
    ),
    empirical: doc(
      z
        .union(
          [
            z.strictObject({ samples: z.array(Duration).min(1) }),
            z.strictObject({ bins: z.array(EmpiricalBin).min(1) }),
          ],
          must('must be { samples: [...] } or { bins: [{ lower, upper, count }] }'),
        )
        .optional(),
      'Measured data: { samples: [...] } resampled, or histogram { bins: [{ lower, upper, count }] }.',
    ),
    mixture: doc(
      z.array(MixtureComponent).min(1).optional(),
      'A list of { weight, dist }: each draw picks a component with probability proportional to its weight.',
    ),
  })
  .superRefine((object, ctx) => {
    const kinds = Object.keys(object).filter((key) => (object as Record<string, unknown>)[key] !== undefined);
    if (kinds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must name one distribution kind: ${DISTRIBUTION_KINDS.join(', ')} (got {})`,
      });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must name exactly one distribution kind (got ${kinds.join(' and ')})`,
      });
    }
  }, ONLY_INSIDE_KINDS)
  .superRefine(checkWithEngine, { when: () => true })
  .register(scenarioRegistry, { id: 'DistributionObject', minProperties: 1, maxProperties: 1 });
