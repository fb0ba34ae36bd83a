// The zod 4 schema of a raw scenario file (YAML or JSON) before defaults and units are applied.
// It checks types, ranges, unknown keys and local rules; cross-references are checked in checkReferences.ts.

import { DISTRIBUTION_KINDS } from '@meshsim/engine';
import { JITTER_KINDS, MESH_SHAPES, RETRY_CONDITIONS } from '@meshsim/mesh';
import type { JitterKind, MeshConfig, MeshShapeName, RetryCondition } from '@meshsim/mesh';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { got } from './internal/show.js';
import { BYTE_SIZE_PATTERN, DURATION_PATTERN, RATE_PATTERN, parseDurationMs } from './units.js';

// ---------------------------------------------------------------------------------------------
// Names and helpers

/** Load balancers a scenario may choose (`mesh.loadBalancer`). */
export const LOAD_BALANCERS = [
  'round-robin',
  'random',
] as const satisfies readonly MeshConfig['loadBalancer'][];

/** Queue disciplines of a service (`services.*.queueDiscipline`). */
export const QUEUE_DISCIPLINES = ['fifo', 'lifo'] as const;

/** Arrival processes of open-loop traffic (`traffic[].arrival`). */
export const ARRIVAL_PROCESSES = ['poisson', 'constant'] as const;

/** Service and namespace names: Kubernetes DNS-1035 labels. */
export const NAME_PATTERN = '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$';

/** Fault latency change: `+<duration>` (added) or `x<factor>` (multiplied; `×` and `*` also accepted). */
export const LATENCY_CHANGE_PATTERN = String.raw`^\s*(?:\+\s*(?:\d+(?:\.\d*)?|\.\d+)\s*(?:us|µs|ms|s|m|h)?|[x×*]\s*(?:\d+(?:\.\d*)?|\.\d+))\s*$`;

const DURATION_RE = new RegExp(DURATION_PATTERN);

/** The duration in ms, or NaN when `value` is not a valid duration (refinements run on invalid input too). */
function durationOrNaN(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && DURATION_RE.test(value)) return parseDurationMs(value);
  return NaN;
}

/** Runs a refinement only when the value itself is valid (no unknown keys, no bad fields), to avoid follow-on noise. */
const IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** Attaches a description (shown by editors on hover) to a schema, in the private registry. */
function doc<T extends z.ZodType>(schema: T, description: string): T {
  scenarioRegistry.add(schema, { description });
  return schema;
}

/** A schema-level error: `reason (got <input>)`. */
function must(reason: string): { error: (iss: { input?: unknown }) => string } {
  return { error: (iss) => got(reason, iss.input) };
}

const DURATION_HELP = 'a duration such as 250ms, 1.5s, 5m, 300us or a number of milliseconds';

const durationString = z.string().regex(DURATION_RE, must(`must be ${DURATION_HELP}`));

/** A non-negative integer >= `min`, with `must be an integer >= min` messages. */
function integer(min: number): z.ZodNumber {
  return z.int(must('must be an integer')).min(min, must(`must be an integer >= ${min}`));
}

/** A probability in [0, 1]. */
const Probability = z
  .number(must('must be a probability in [0, 1]'))
  .min(0, must('must be a probability in [0, 1]'))
  .max(1, must('must be a probability in [0, 1]'));

/** A name (DNS-1035 label), used for services and namespaces. */
const Name = z
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
const MemorySize = z
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

// ---------------------------------------------------------------------------------------------
// Distributions

/** The raw form of a distribution: a constant duration, or a one-key object naming the kind. */
export type RawDistribution =
  | number
  | string
  | {
      constant?: number | string | undefined;
      uniform?: { min: number | string; max: number | string } | undefined;
      exponential?: { mean: number | string } | undefined;
      normal?: { mean: number | string; stdDev: number | string } | undefined;
      lognormal?:
        { median: number | string; p99: number | string } | { mu: number; sigma: number } | undefined;
      gamma?: { shape: number; scale: number | string } | undefined;
      erlang?: { k: number; mean: number | string } | undefined;
      pareto?: { scale: number | string; shape: number } | undefined;
      weibull?: { scale: number | string; shape: number } | undefined;
      empirical?:
        | { samples: (number | string)[] }
        | { bins: { lower: number | string; upper: number | string; count: number }[] }
        | undefined;
      mixture?: { weight: number; dist: RawDistribution }[] | undefined;
    };

/** The one-key object form of {@link RawDistribution}. */
export type RawDistributionObject = Exclude<RawDistribution, number | string>;

const positiveNumber = z.number().positive();

const Uniform = z
  .strictObject({ min: Duration, max: Duration })
  .refine((u) => !(durationOrNaN(u.max) < durationOrNaN(u.min)), {
    path: ['max'],
    error: (iss) =>
      got(
        `must be >= min (${String((iss.input as { min: unknown }).min)})`,
        (iss.input as { max: unknown }).max,
      ),
  });

const LognormalByQuantiles = z
  .strictObject({ median: PositiveDuration, p99: PositiveDuration })
  .refine((l) => !(durationOrNaN(l.p99) <= durationOrNaN(l.median)), {
    path: ['p99'],
    error: (iss) =>
      got(
        `must be > median (${String((iss.input as { median: unknown }).median)})`,
        (iss.input as { p99: unknown }).p99,
      ),
  });

const EmpiricalBin = z
  .strictObject({ lower: Duration, upper: Duration, count: z.number().min(0) })
  .refine((b) => !(durationOrNaN(b.upper) < durationOrNaN(b.lower)), {
    path: ['upper'],
    error: (iss) =>
      got(
        `must be >= lower (${String((iss.input as { lower: unknown }).lower)})`,
        (iss.input as { upper: unknown }).upper,
      ),
  });

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
      z
        .array(MixtureComponent)
        .min(1)
        .refine(
          (components) => components.some((c) => c.weight > 0),
          must('must have a component with weight > 0'),
        )
        .optional(),
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
  .register(scenarioRegistry, { id: 'DistributionObject', minProperties: 1, maxProperties: 1 });

// ---------------------------------------------------------------------------------------------
// Policies and calls

const Backoff = z
  .strictObject({
    base: doc(PositiveDuration.optional(), 'Base interval. Default 25ms (Envoy).'),
    max: doc(PositiveDuration.optional(), 'Cap on one wait. Default 10 × base (Envoy), i.e. 250ms.'),
    jitter: doc(
      z.enum(JITTER_KINDS as [JitterKind, ...JitterKind[]]).optional(),
      'Jitter kind. Default full.',
    ),
  })
  .refine(
    (b) => b.base === undefined || b.max === undefined || !(durationOrNaN(b.max) < durationOrNaN(b.base)),
    {
      path: ['max'],
      error: (iss) =>
        got(
          `must be >= base (${String((iss.input as { base: unknown }).base)})`,
          (iss.input as { max: unknown }).max,
        ),
    },
  )
  .register(scenarioRegistry, { id: 'Backoff' });

/** `retry`: attempts are TOTAL tries including the first (Istio's `attempts` counts retries only). */
export const Retry = z
  .strictObject({
    attempts: doc(
      integer(1),
      "TOTAL tries including the first (3 = 1 try + 2 retries). Istio's `attempts` counts retries only.",
    ),
    retryOn: doc(
      z
        .array(z.enum(RETRY_CONDITIONS as [RetryCondition, ...RetryCondition[]]))
        .min(1)
        .optional(),
      'Conditions that allow a retry (Envoy retry_on names). Default [5xx].',
    ),
    perTryTimeout: doc(
      PositiveDuration.optional(),
      'Timeout of each attempt (Istio spelling; same as perTryTimeout on the call).',
    ),
    backoff: doc(
      Backoff.optional(),
      'Wait before each retry. Default Envoy: base 25ms, max 250ms, full jitter.',
    ),
  })
  .register(scenarioRegistry, { id: 'Retry' });

const policyFields = {
  timeout: doc(PositiveDuration.optional(), 'Overall timeout of the call, retries included. Default: none.'),
  perTryTimeout: doc(PositiveDuration.optional(), 'Timeout of each attempt. Default: none.'),
  retry: doc(Retry.optional(), 'Retry policy. Default: no retries.'),
};

function perTryTimeoutOnce(
  value: { perTryTimeout?: unknown; retry?: { perTryTimeout?: unknown } | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.perTryTimeout !== undefined && value.retry?.perTryTimeout !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['retry', 'perTryTimeout'],
      message: 'is also set on the call: give perTryTimeout in one place only',
    });
  }
}

/** One downstream call. */
export const Call = z
  .strictObject({
    to: doc(z.string(), 'The called service.'),
    probability: doc(Probability.optional(), 'Probability that a request makes this call. Default 1.'),
    optional: doc(
      z.boolean().optional(),
      'If true, a failure of this call does not fail the request (a fallback exists). Default false.',
    ),
    ...policyFields,
  })
  .superRefine(perTryTimeoutOnce, IF_VALID)
  .register(scenarioRegistry, { id: 'Call' });

/** Calls made at the same time; the stage ends when all of them have. */
export const ParallelGroup = z
  .strictObject({ parallel: z.array(Call).min(1) })
  .register(scenarioRegistry, { id: 'ParallelGroup' });

// ---------------------------------------------------------------------------------------------
// Mesh, network, clusters

const MeshShape = z.enum(MESH_SHAPES as [MeshShapeName, ...MeshShapeName[]]);

const Sidecar = z
  .strictObject({
    latency: doc(Distribution.optional(), 'Processing time per traversal (one direction through the proxy).'),
    workers: doc(integer(1).optional(), 'Worker threads; traversals beyond this wait.'),
    cpuPerRequest: doc(Duration.optional(), 'CPU time per request, both directions together (e.g. 0.2ms).'),
    memoryBase: doc(MemorySize.optional(), 'Memory at rest: a number [MiB] or a size (60Mi, 64MB).'),
    memoryPerEndpoint: doc(
      MemorySize.optional(),
      'Memory per endpoint in the proxy configuration: a number [KiB] or a size (2Ki).',
    ),
  })
  .register(scenarioRegistry, {
    description: 'Envoy sidecar profile overrides; fields not given keep the istio-sidecar defaults.',
  });

const MeshObject = z.strictObject({
  shape: doc(MeshShape, 'The mesh shape.'),
  libraryServices: doc(
    z
      .union(
        [z.literal('all', must('must be "all" or a list of service names')), z.array(z.string())],
        must('must be "all" or a list of service names'),
      )
      .optional(),
    'For shape library: the services that use the library ("all" by default).',
  ),
  libraryCpuPerCall: doc(
    Duration.optional(),
    'CPU the library costs per call in the calling app (e.g. 0.02ms).',
  ),
  loadBalancer: doc(
    z.enum(LOAD_BALANCERS).optional(),
    "Callers' load balancer. Default: random for none, round-robin otherwise.",
  ),
  endpointUpdateDelay: doc(
    Duration.optional(),
    "Delay before a crash or restart reaches the callers' load balancers. Default 1s.",
  ),
  sidecar: Sidecar.optional(),
  defaultPolicy: z
    .strictObject(policyFields)
    .superRefine(perTryTimeoutOnce, IF_VALID)
    .register(scenarioRegistry, {
      description:
        "Policy the library or proxy applies to calls that set none (timeout, perTryTimeout, retry). Default: the shape's (istio-sidecar: 3 attempts on connect-failure/reset).",
    })
    .optional(),
});

/** `mesh`: a shape name, or an object with the shape and overrides. */
export const Mesh = z
  .union(
    [MeshShape, MeshObject],
    must(`must be a mesh shape (${MESH_SHAPES.join(', ')}) or an object { shape, ... }`),
  )
  .register(scenarioRegistry, { id: 'Mesh' });

/** `network`: one-way latency distribution per locality. */
export const Network = z
  .strictObject({
    sameNode: doc(Distribution.optional(), 'One-way latency between pods on the same node.'),
    sameZone: doc(Distribution.optional(), 'One-way latency between nodes in the same zone.'),
    crossZone: doc(Distribution.optional(), 'One-way latency across zones of a cluster.'),
    crossCluster: doc(Distribution.optional(), 'One-way latency between clusters.'),
  })
  .register(scenarioRegistry, {
    id: 'Network',
    description: 'One-way network latency by locality; omitted fields keep the defaults. 0ms is allowed.',
  });

const Zone = z.strictObject({ name: z.string().min(1), nodes: integer(1) });

/** A cluster with its zones. */
export const Cluster = z
  .strictObject({
    name: z.string().min(1),
    region: doc(z.string().min(1).optional(), 'Region name. Default region-1.'),
    vpc: doc(z.string().min(1).optional(), 'VPC name. Default vpc-1.'),
    zones: doc(z.array(Zone).min(1), 'Zones with their node counts; instances are spread over the nodes.'),
  })
  .register(scenarioRegistry, { id: 'Cluster' });

// ---------------------------------------------------------------------------------------------
// Services, traffic, faults

/** One service. */
export const Service = z
  .strictObject({
    namespace: doc(Name.optional(), 'Kubernetes namespace. Default "default".'),
    cluster: doc(z.string().min(1).optional(), 'Cluster the instances run in. Default: the first cluster.'),
    replicas: doc(integer(1).optional(), 'Number of instances (pods). Default 1.'),
    concurrency: doc(integer(1).optional(), 'Requests served at once per instance (workers). Default 16.'),
    queue: doc(
      z
        .union(
          [integer(0), z.literal('unbounded', must('must be an integer >= 0 or "unbounded"'))],
          must('must be an integer >= 0 or "unbounded"'),
        )
        .optional(),
      'Waiting requests per instance; a full queue rejects with 503. Default 128.',
    ),
    queueDiscipline: doc(z.enum(QUEUE_DISCIPLINES).optional(), 'Order of the waiting queue. Default fifo.'),
    serviceTime: doc(Distribution, 'Own processing time per request, before the downstream calls.'),
    errorRate: doc(
      Probability.optional(),
      'Probability that the application itself fails a request (500). Default 0.',
    ),
    calls: doc(
      z
        .array(
          z.union(
            [Call, ParallelGroup],
            must('must be a call { to, ... } or a parallel group { parallel: [calls] }'),
          ),
        )
        .optional(),
      'Downstream calls, made in sequence; a { parallel: [...] } item makes its calls at the same time.',
    ),
  })
  .register(scenarioRegistry, { id: 'Service' });

const RatePoint = z.strictObject({
  at: doc(Duration, 'When this rate starts (the first point must be at 0).'),
  rps: doc(RateValue, 'Requests per second from `at` on.'),
  ramp: doc(
    z.boolean().optional(),
    "If true, the rate moves linearly from the previous point's rps to this one, reaching it at `at`.",
  ),
});

/** `rate`: a constant rate, or a schedule of points `{ at, rps, ramp }` starting at 0. */
export const Rate = z
  .union(
    [
      RateValue,
      z
        .array(RatePoint)
        .min(1)
        .superRefine((points, ctx) => {
          const first = points[0];
          if (first !== undefined && durationOrNaN(first.at) !== 0) {
            ctx.addIssue({
              code: 'custom',
              path: [0, 'at'],
              message: got('the first point must be at 0', first.at),
            });
          }
          if (first?.ramp === true) {
            ctx.addIssue({
              code: 'custom',
              path: [0, 'ramp'],
              message: 'the first point cannot ramp (ramp: true ramps from the previous point)',
            });
          }
          for (let i = 1; i < points.length; i++) {
            const previous = (points[i - 1] as { at: number | string }).at;
            const at = (points[i] as { at: number | string }).at;
            if (!(durationOrNaN(at) > durationOrNaN(previous))) {
              ctx.addIssue({
                code: 'custom',
                path: [i, 'at'],
                message: got(`must be after the previous point (${String(previous)})`, at),
              });
            }
          }
        }, IF_VALID),
    ],
    must('must be a rate (800, "800/s", "48000/m") or a list of points { at, rps, ramp }'),
  )
  .register(scenarioRegistry, { id: 'Rate' });

/** A traffic source: open loop (`rate`) or closed loop (`users`). */
export const Traffic = z
  .strictObject({
    name: doc(z.string().min(1).optional(), 'Caller name shown on edges. Default "client".'),
    to: doc(z.string(), 'Entry service.'),
    rate: doc(
      Rate.optional(),
      'Open loop: a rate (800, "800/s", "48000/m") or a list of points { at, rps, ramp }.',
    ),
    arrival: doc(
      z.enum(ARRIVAL_PROCESSES).optional(),
      'Open loop: poisson (exponential gaps) or constant (even gaps). Default poisson.',
    ),
    users: doc(
      integer(1).optional(),
      'Closed loop: users that each send, wait for the outcome, think, repeat.',
    ),
    thinkTime: doc(
      Distribution.optional(),
      'Closed loop: pause between a response and the next request. Default 0.',
    ),
    ...policyFields,
  })
  .superRefine((t, ctx) => {
    perTryTimeoutOnce(t, ctx);
    if (t.rate === undefined && t.users === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must set rate (open loop) or users (closed loop)' });
    } else if (t.rate !== undefined && t.users !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['users'],
        message: 'cannot be combined with rate: set rate (open loop) or users (closed loop), not both',
      });
    } else if (t.users !== undefined && t.arrival !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['arrival'],
        message: 'only applies to open-loop traffic (with rate)',
      });
    } else if (t.rate !== undefined && t.thinkTime !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['thinkTime'],
        message: 'only applies to closed-loop traffic (with users)',
      });
    }
  }, IF_VALID)
  .register(scenarioRegistry, { id: 'Traffic', oneOf: [{ required: ['rate'] }, { required: ['users'] }] });

const LatencyChange = z
  .union(
    [
      z
        .string()
        .regex(
          new RegExp(LATENCY_CHANGE_PATTERN),
          must('must be "+<duration>" (added, e.g. "+150ms") or "x<factor>" (multiplied, e.g. "x3")'),
        ),
      DistributionObject,
    ],
    must(
      'must be "+150ms" (added), "x3" (multiplied) or a distribution object such as { exponential: { mean: 50ms } } (added)',
    ),
  )
  .register(scenarioRegistry, { id: 'LatencyChange' });

const FAULT_EFFECTS = ['latency', 'errorRate', 'crash'] as const;

/** A scheduled fault. */
export const Fault = z
  .strictObject({
    at: doc(Duration, 'When the fault starts.'),
    for: doc(
      PositiveDuration.optional(),
      'How long it lasts (for crash: until the instances restart). Default: to the end.',
    ),
    service: doc(z.string(), 'The affected service.'),
    instances: doc(
      z
        .union(
          [integer(1), z.literal('all', must('must be an integer >= 1 or "all"'))],
          must('must be an integer >= 1 or "all"'),
        )
        .optional(),
      'How many instances (the first N) are affected. Default all.',
    ),
    latency: doc(
      LatencyChange.optional(),
      'Slower service: "+150ms" or a distribution object (added), or "x3" (service time multiplied).',
    ),
    errorRate: doc(Probability.optional(), 'Extra probability that a request fails with a 500.'),
    crash: doc(z.literal(true).optional(), 'The instances crash (connections reset, then refused).'),
  })
  .superRefine((fault, ctx) => {
    const effects = FAULT_EFFECTS.filter((key) => fault[key] !== undefined);
    if (effects.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must set one effect: latency, errorRate or crash' });
    } else if (effects.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [effects[1] as string],
        message: `cannot be combined with ${effects[0] as string}: one effect per fault (add another fault)`,
      });
    }
  }, IF_VALID)
  .register(scenarioRegistry, {
    id: 'Fault',
    oneOf: [{ required: ['latency'] }, { required: ['errorRate'] }, { required: ['crash'] }],
  });

// ---------------------------------------------------------------------------------------------
// The file

/** A whole scenario file, before defaults are applied (see docs/scenario-format.md). */
export const ScenarioSchema = z
  .strictObject({
    $schema: doc(z.string().optional(), 'JSON Schema reference for editors; ignored.'),
    name: doc(z.string().min(1).optional(), 'Scenario name. Default: the file name without extension.'),
    description: doc(z.string().optional(), 'What the scenario shows and the expected outcome. Default "".'),
    seed: doc(
      z.union([z.int(), z.string().min(1)], must('must be an integer or a string')).optional(),
      'Root seed of all random streams. Default 1.',
    ),
    duration: doc(PositiveDuration.optional(), 'Simulated duration. Default 60s.'),
    mesh: doc(Mesh.optional(), 'Mesh shape name, or { shape, ...overrides }. Default none.'),
    network: Network.optional(),
    clusters: doc(
      z.array(Cluster).min(1).optional(),
      'Clusters with zones and nodes. Default: cluster-1 with zone-a, zone-b, zone-c of 4 nodes each.',
    ),
    services: doc(
      z
        .record(
          z.string().regex(new RegExp(NAME_PATTERN), {
            error: (iss) =>
              `invalid service name ${JSON.stringify(iss.input)}: use lowercase letters, digits and "-", starting with a letter, at most 63 characters`,
          }),
          Service,
        )
        .refine((services) => Object.keys(services).length > 0, 'must define at least one service'),
      'Services by name (lowercase DNS labels).',
    ),
    traffic: doc(z.array(Traffic).min(1), 'Traffic sources: open loop (rate) or closed loop (users).'),
    faults: doc(z.array(Fault).optional(), 'Scheduled faults: latency, errors or crashes.'),
    assumptions: doc(z.array(z.string()).optional(), 'Modelling assumptions, printed with the results.'),
  })
  .register(scenarioRegistry, {
    title: 'meshsim scenario',
    description:
      'A meshsim scenario: services, their calls and policies, traffic and faults. See docs/scenario-format.md.',
  });

/** A scenario file that passed {@link ScenarioSchema}. */
export type RawScenario = z.output<typeof ScenarioSchema>;
/** One service of a {@link RawScenario}. */
export type RawService = z.output<typeof Service>;
/** One call of a {@link RawScenario}. */
export type RawCall = z.output<typeof Call>;
/** One traffic source of a {@link RawScenario}. */
export type RawTraffic = z.output<typeof Traffic>;
/** One fault of a {@link RawScenario}. */
export type RawFault = z.output<typeof Fault>;
