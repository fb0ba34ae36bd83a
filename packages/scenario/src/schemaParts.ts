// Building blocks shared by the scenario schemas: error helpers, names, quantities (durations, rates,
// sizes, percentages) and distributions. schema.ts assembles the file; policySchema.ts the policies.

import { DISTRIBUTION_KINDS, DistributionParamError, validateDistribution } from '@meshsim/engine';
import * as z from 'zod';
import { parsePath } from './internal/path.js';
import type { PathSegment } from './internal/path.js';
import { scenarioRegistry } from './internal/registry.js';
import type { RawDistribution, RawDistributionObject } from './RawDistribution.js';
import { got, show } from './internal/show.js';
import { toDistributionSpec } from './internal/toDistributionSpec.js';
import {
  BYTE_SIZE_PATTERN,
  CPU_PATTERN,
  DURATION_PATTERN,
  PERCENT_PATTERN,
  RATE_PATTERN,
  parseCpuCores,
  parseDurationMs,
  parsePercent,
} from './units.js';

/** Service and namespace names: Kubernetes DNS-1035 labels. */
export const NAME_PATTERN = '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$';

/** Compiled {@link DURATION_PATTERN}. */
export const DURATION_RE = new RegExp(DURATION_PATTERN);

/** The duration in ms, or NaN when `value` is not a valid duration (refinements run on invalid input too). */
export function durationOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && DURATION_RE.test(value)) return parseDurationMs(value);
  return NaN;
}

/** Runs a refinement only when the value itself is valid (no unknown keys, no bad fields), to avoid follow-on noise. */
export const IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

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

/** A schema-level error: `reason (got <input>)`. */
export function must(reason: string): { error: (iss: { input?: unknown }) => string } {
  return { error: (iss) => got(reason, iss.input) };
}

/** How a duration is written, for error messages. */
export const DURATION_HELP = 'a duration such as 250ms, 1.5s, 5m, 300us or a number of milliseconds';

const durationString = z.string().regex(DURATION_RE, must(`must be ${DURATION_HELP}`));

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
  if (typeof value === 'string' && new RegExp(PERCENT_PATTERN).test(value)) return parsePercent(value);
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
      z
        .string()
        .regex(new RegExp(PERCENT_PATTERN), must(`must be ${PERCENT_HELP}`))
        .refine((s) => !(percentOrNaN(s) > 100), must(`must be ${PERCENT_HELP}`)),
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

/** A duration >= 0: a number [ms] or a string with a unit. */
export const Duration = z
  .union([z.number().min(0), durationString], must(`must be ${DURATION_HELP}`))
  .register(scenarioRegistry, {
    id: 'Duration',
    description:
      'A duration >= 0: a number of milliseconds, or a string with a unit us, ms, s, m or h (250ms, 1.5s).',
  });

/** A duration > 0. */
export const PositiveDuration = z
  .union(
    [
      z.number().positive(),
      durationString.refine((s) => !(durationOrNaN(s) <= 0), must('must be a duration > 0')),
    ],
    must(`must be ${DURATION_HELP}, > 0`),
  )
  .register(scenarioRegistry, {
    id: 'PositiveDuration',
    description:
      'A duration > 0: a number of milliseconds, or a string with a unit us, ms, s, m or h (250ms, 1.5s).',
  });

const rateString = z
  .string()
  .regex(new RegExp(RATE_PATTERN), must('must be a rate such as 800, 800/s, 48000/m or 800rps'));

/** A request rate >= 0: a number [req/s] or a string with a unit (`800/s`, `48000/m`, `800rps`). */
export const RateValue = z
  .union([z.number().min(0), rateString], must('must be a rate such as 800, 800/s, 48000/m or 800rps'))
  .register(scenarioRegistry, {
    id: 'RateValue',
    description: 'Requests per second: a number, or a string 800/s, 800rps, 48000/m, 2880000/h.',
  });

/** A memory size: a number (in the field's unit) or a string with a unit (`64Mi`, `50MB`). */
export const MemorySize = z
  .union(
    [
      z.number().min(0),
      z.string().regex(new RegExp(BYTE_SIZE_PATTERN), must('must be a memory size such as 64Mi or 50MB')),
    ],
    must('must be a memory size such as 64Mi or 50MB, or a number'),
  )
  .register(scenarioRegistry, {
    id: 'MemorySize',
    description: 'A memory size: a number in the unit of the field, or 64Mi, 512Ki, 1Gi, 50MB.',
  });

const CPU_REASON = 'must be a CPU quantity > 0: cores (2, 0.5) or millicores (500m)';

/** A CPU quantity > 0: a number of cores, or a Kubernetes quantity string (`500m`, `2`). */
export const CpuQuantity = z
  .union(
    [z.number().gt(0, must(CPU_REASON)), z.string().regex(new RegExp(CPU_PATTERN), must(CPU_REASON))],
    must(CPU_REASON),
  )
  .refine((value) => parseCpuCores(value) > 0, { ...must(CPU_REASON), ...IF_VALID })
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

/**
 * Checks a written distribution object with the engine's `validateDistribution` — the one validation
 * of distributions — and reports its complaint at the written field, with the values as written
 * (`must be >= min (5ms) (got "3ms")`). A mixture's own check covers its weights; each component is
 * a distribution object checked on its own.
 */
function checkWithEngine(object: RawDistributionObject, ctx: z.RefinementCtx): void {
  const kind = Object.keys(object).find((key) => (object as Record<string, unknown>)[key] !== undefined);
  if (kind === undefined) return;
  const placeholder = { kind: 'constant', value: 0 } as const;
  try {
    validateDistribution(
      toDistributionSpec(object, () => placeholder),
      kind,
    );
  } catch (error) {
    if (!(error instanceof DistributionParamError)) throw error;
    // The engine names a mixture's list `components`; a scenario writes it as `mixture` itself.
    const path = parsePath(error.field).filter(
      (s, i, all) => !(s === 'components' && all[i - 1] === 'mixture'),
    );
    const written = valueAt(object, path);
    const scalar = typeof written === 'number' || typeof written === 'string';
    const bound = error.bound;
    const rule =
      bound === undefined
        ? error.rule
        : `must be ${bound.strict ? '>' : '>='} ${bound.field} (${String(valueAt(object, [...path.slice(0, -1), bound.field]))})`;
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${rule} (got ${scalar ? show(written) : String(error.value)})`,
    });
  }
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
  }, IF_VALID)
  .superRefine(checkWithEngine, IF_VALID)
  .register(scenarioRegistry, { id: 'DistributionObject', minProperties: 1, maxProperties: 1 });
