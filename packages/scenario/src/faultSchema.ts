// The zod schema of a scheduled fault (`faults[]`): slower or failing instances, crashes of instances,
// mesh proxies and nodes, and control-plane outages. Cross-references (service, instances) are in checkReferences.ts.

import type { ProxyRole } from '@meshsim/mesh';
import { SCENARIO_LIMITS } from '@meshsim/mesh';
import * as z from 'zod';
import { scenarioRegistry } from './internal/registry.js';
import { got } from './internal/show.js';
import {
  PERCENT_PATTERN,
  exponentReason,
  isDurationText,
  isPercentText,
  parsePercent,
  scanQuantity,
} from './units.js';
import {
  DistributionObject,
  Duration,
  IF_VALID,
  PositiveDuration,
  Probability,
  doc,
  must,
} from './schemaParts.js';

/**
 * Fault latency change: `+<duration>` (added) or `x<factor>` (multiplied; `×` and `*` also accepted).
 * For the JSON Schema (written so that it cannot backtrack more than linearly); the code checks with
 * {@link isLatencyChangeText}.
 */
export const LATENCY_CHANGE_PATTERN = String.raw`^\s*(?:\+\s*(?:\d+(?:\.\d*)?|\.\d+)\s*(?:(?:us|µs|ms|s|m|h)\s*)?|[x×*]\s*(?:\d+(?:\.\d*)?|\.\d+)\s*)$`;

/** True when `text` is `+<duration>` or `x<factor>` (one linear scan, at most the quantity length). */
export function isLatencyChangeText(text: string): boolean {
  if (text.length > SCENARIO_LIMITS.quantityLength) return false;
  const trimmed = text.trim();
  const rest = trimmed.slice(1);
  if (trimmed.startsWith('+')) return isDurationText(rest);
  return /^[x×*]/.test(trimmed) && scanQuantity(rest, ['']) !== null;
}

/** Why a latency change in exponent notation (`+1e2ms`, `x1e1`) is refused, or null (see {@link exponentReason}). */
function latencyExponentReason(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  const sign = trimmed.charAt(0);
  const rest = trimmed.slice(1);
  const reason =
    sign === '+'
      ? exponentReason(rest, isDurationText)
      : /^[x×*]/.test(trimmed)
        ? exponentReason(rest, (text) => scanQuantity(text, ['']) !== null)
        : null;
  return reason?.replace(`(${rest.trim()})`, `(${trimmed})`).replace('write ', `write ${sign}`) ?? null;
}

const PROXY_ROLE_SET: Readonly<Record<ProxyRole, true>> = {
  sidecar: true,
  ztunnel: true,
  waypoint: true,
  'node-proxy': true,
  'managed-hop': true,
};

/** Proxy roles a `crashProxy` fault can target (the model's `ProxyRole`, every one). */
export const PROXY_ROLES = Object.keys(PROXY_ROLE_SET) as [ProxyRole, ...ProxyRole[]];

/** The effect keys of a fault, in the order errors list them; a fault sets exactly one. */
export const FAULT_EFFECTS = [
  'latency',
  'errorRate',
  'crash',
  'crashLoop',
  'crashProxy',
  'crashNode',
  'controlPlaneOutage',
] as const;

const EFFECT_LIST = `${FAULT_EFFECTS.slice(0, -1).join(', ')} or ${FAULT_EFFECTS[FAULT_EFFECTS.length - 1]}`;

const LatencyChange = z
  .union(
    [
      z
        .string()
        .refine(isLatencyChangeText, {
          error: (iss) =>
            got(
              latencyExponentReason(iss.input) ??
                'must be "+<duration>" (added, e.g. "+150ms") or "x<factor>" (multiplied, e.g. "x3")',
              iss.input,
            ),
        })
        .register(scenarioRegistry, { pattern: LATENCY_CHANGE_PATTERN }),
      DistributionObject,
    ],
    must(
      'must be "+150ms" (added), "x3" (multiplied) or a distribution object such as { exponential: { mean: 50ms } } (added)',
    ),
  )
  .register(scenarioRegistry, { id: 'LatencyChange' });

const INSTANCES_HELP =
  'must be an integer >= 1, a percentage of the service\'s pods in (0%, 100%] such as 30%, or "all"';

/** The percentage of `text` when it is one in (0, 100] written with `%` (`30%`), else undefined. */
export function instancesPercent(text: string): number | undefined {
  if (!text.includes('%') || !isPercentText(text)) return undefined;
  const percent = parsePercent(text);
  return percent > 0 && percent <= 100 ? percent : undefined;
}

/** `instances`: a count, a percentage of the service's pods (resolved in buildFaults.ts) or `all`. */
const Instances = z.union(
  [
    z.int(must(INSTANCES_HELP)).min(1, must(INSTANCES_HELP)),
    z.literal('all', must(INSTANCES_HELP)),
    z
      .string(must(INSTANCES_HELP))
      .refine((text) => instancesPercent(text) !== undefined, must(INSTANCES_HELP))
      .register(scenarioRegistry, { pattern: PERCENT_PATTERN }),
  ],
  must(INSTANCES_HELP),
);

/** A scheduled fault: exactly one effect, on the first N instances of a service (or, for an outage, on the mesh). */
export const Fault = z
  .strictObject({
    at: doc(Duration, 'When the fault starts.'),
    for: doc(
      PositiveDuration.optional(),
      'How long it lasts (crashes: until the instances, proxies or nodes restart). Default: to the end.',
    ),
    service: doc(
      z.string().optional(),
      'The affected service. Required, except for controlPlaneOutage (which affects the whole mesh).',
    ),
    instances: doc(
      Instances.optional(),
      'How many instances (the first N in placement order) are affected, or whose proxies or nodes are: a count, a percentage of the service\'s pods (30%: rounded down as Kubernetes rounds maxUnavailable, at least 1) or "all". Default all.',
    ),
    latency: doc(
      LatencyChange.optional(),
      'Slower service: "+150ms" or a distribution object (added), or "x3" (service time multiplied).',
    ),
    errorRate: doc(Probability.optional(), 'Extra probability that a request fails with a 500.'),
    crash: doc(z.literal(true).optional(), 'The instances crash (connections reset, then refused).'),
    crashLoop: doc(
      z
        .union(
          [
            // A value that is neither (`yes`, `false`) is told both forms.
            z.literal(true, must('must be true or an object { runsFor }')),
            z
              .strictObject({
                runsFor: doc(
                  Duration.optional(),
                  'How long each container started while the fault lasts runs before it crashes again. Default 0s: it crashes as it starts.',
                ),
              })
              .register(scenarioRegistry, { id: 'CrashLoop' }),
          ],
          must('must be true or an object { runsFor }'),
        )
        .optional(),
      "The instances' applications crash, and crash again each time they start while the fault lasts (CrashLoopBackOff): the kubelet restarts them at once, then after 10s, 20s, 40s, ... up to 300s. After the fault the next restart stays up, so the instances return only when their backoff ends.",
    ),
    crashProxy: doc(
      z.enum(PROXY_ROLES).optional(),
      "The mesh proxies serving the instances crash: their sidecars, their nodes' ztunnels or node proxies, the service's waypoints or its Lattice hop. A shape without that role ignores the fault (with a warning).",
    ),
    crashNode: doc(
      z
        .union(
          [
            z.literal(true),
            z
              .strictObject({
                reachable: doc(
                  z.boolean().optional(),
                  "true: the nodes' pods crash as with crash (connections reset and refused, endpoints updated after endpointUpdateDelay). Default false: the nodes are powered off or cut off and answer nothing.",
                ),
                nodeMonitorGracePeriod: doc(
                  PositiveDuration.optional(),
                  "How long Kubernetes' node controller waits before it marks an unreachable node's pods NotReady (kube-controller-manager --node-monitor-grace-period). Default 50s (Kubernetes 1.32+; 40s before).",
                ),
              })
              .register(scenarioRegistry, { id: 'CrashNode' }),
          ],
          must('must be true or an object { reachable, nodeMonitorGracePeriod }'),
        )
        .optional(),
      'The nodes hosting the instances crash, with every instance (of any service) and proxy on them. true: powered off — requests to them get no answer, new connections wait for the connect timeout, and their pods stay in the endpoints until the node controller marks them NotReady (nodeMonitorGracePeriod, then endpointUpdateDelay). { reachable: true }: the pods crash as with crash.',
    ),
    controlPlaneOutage: doc(
      z.literal(true).optional(),
      'The control plane is down: endpoint changes (crashes, restarts) stop reaching callers until it is back. Takes no service.',
    ),
  })
  .superRefine((fault, ctx) => {
    const effects = FAULT_EFFECTS.filter((key) => fault[key] !== undefined);
    if (effects.length === 0) {
      ctx.addIssue({ code: 'custom', message: `must set one effect: ${EFFECT_LIST}` });
      return;
    }
    if (effects.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [effects[1] as string],
        message: `cannot be combined with ${effects[0] as string}: one effect per fault (add another fault)`,
      });
      return;
    }
    if (fault.controlPlaneOutage === true) {
      for (const key of ['service', 'instances'] as const) {
        if (fault[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'does not apply to controlPlaneOutage: the control plane serves the whole mesh (remove it)',
          });
        }
      }
    } else if (fault.service === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['service'],
        message: `is required (every fault but controlPlaneOutage names its service)`,
      });
    }
  }, IF_VALID)
  .register(scenarioRegistry, {
    id: 'Fault',
    oneOf: FAULT_EFFECTS.map((key) => ({ required: [key] })),
  });
