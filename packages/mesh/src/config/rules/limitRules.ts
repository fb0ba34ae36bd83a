// Rule table of the size limits of a scenario: how big a file, how deep its nesting, how long a
// quantity string, how many services, instances, calls, sources and faults, and the range of every
// duration and rate. They keep a run from exhausting memory or the stack; none is near a real scenario.

import type { RuleRow, RuleTable } from './RuleRow.js';
import { RULE_ASSUMPTIONS } from './ruleAssumptions.js';

const NO_DEFAULT = { none: '—' } as const;

/** The limits that apply to a whole scenario (and, for durations and rates, to every such field). */
export const LIMIT_RULES = {
  id: 'limits',
  title: 'Size limits',
  scenarioPath: '(whole scenario)',
  configPath: 'SimulationConfig',
  rows: [
    {
      field: 'fileSize',
      kind: 'size',
      unit: 'bytes',
      max: {
        value: 16 * 1024 * 1024,
        source: {
          assumption:
            'the largest bundled scenario is 16 KiB; 16 MiB holds generated scenarios of thousands of services and is read and parsed well within memory',
        },
      },
      default: NO_DEFAULT,
      description: 'Size of a scenario file or text.',
    },
    {
      field: 'nestingDepth',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 64,
        source: {
          assumption:
            'a scenario nests about 10 levels (nested mixtures a few more); deeper input is refused before it can overflow the parser’s stack',
        },
      },
      default: NO_DEFAULT,
      description: 'Levels of nested maps and lists, aliases expanded.',
    },
    {
      field: 'aliases',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 1000,
        source: {
          assumption:
            'anchors for shared defaults need a handful of aliases; the cap stops alias bombs that expand a small file into billions of nodes',
        },
      },
      default: NO_DEFAULT,
      description: 'YAML alias expansions (the yaml parser’s maxAliasCount).',
    },
    {
      field: 'values',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 5_000_000,
        source: {
          assumption:
            'platform-40 holds about 3,000 values; the cap bounds the work of validating input built in code, which has no file size',
        },
      },
      default: NO_DEFAULT,
      description: 'Numbers, strings, keys, maps and lists in a scenario, aliases expanded.',
    },
    {
      field: 'largestNumber',
      kind: 'number',
      unit: 'none',
      max: {
        value: Number.MAX_SAFE_INTEGER,
        source: {
          assumption:
            '2^53 − 1, the largest integer a float64 holds exactly; a larger number (hundreds of digits) is a typo and would lose precision or become Infinity',
        },
      },
      default: NO_DEFAULT,
      description: 'Largest magnitude of any number in a scenario; every number must also be finite.',
    },
    {
      field: 'quantityLength',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 64,
        source: {
          assumption:
            'a duration, rate, size or percentage with its unit is a few characters; a longer string is refused before it is parsed',
        },
      },
      default: NO_DEFAULT,
      description: 'Characters of a quantity written as a string (`250ms`, `800/s`, `64Mi`, `5%`).',
    },
    {
      field: 'shortestDuration',
      kind: 'duration',
      unit: 'ms',
      min: {
        value: 0.001,
        source: {
          assumption:
            '1 µs, the finest unit a scenario writes (us); a shorter non-zero duration is a typo that only adds events',
        },
      },
      default: NO_DEFAULT,
      description:
        'Smallest non-zero duration anywhere in a scenario (0 is allowed where a field allows it).',
    },
    {
      field: 'longestDuration',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: RULE_ASSUMPTIONS.nonNegative },
      max: {
        value: 365 * 24 * 3_600_000,
        source: {
          assumption:
            'a year, longer than any run (at most 30 days): a longer timeout, period or latency is “never” and is written by leaving the field out',
        },
      },
      default: NO_DEFAULT,
      description: 'Largest duration anywhere in a scenario (the run’s own `duration` has a lower cap).',
    },
    {
      field: 'rate',
      kind: 'rate',
      unit: 'rps',
      max: {
        value: 1_000_000,
        source: {
          assumption:
            'a million requests per second from one source is beyond any single service’s published load and already billions of events per simulated minute',
        },
      },
      default: NO_DEFAULT,
      description: 'Largest rate anywhere in a scenario (traffic rates and rate-limit refills).',
    },
    {
      field: 'services',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 10_000,
        source: {
          assumption:
            'above the largest published microservice platforms (a few thousand services); bounds the per-service and per-edge tables',
        },
      },
      default: NO_DEFAULT,
      description: 'Services in a scenario.',
    },
    {
      field: 'instances',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 150_000,
        source: { cite: 'k8s-large-clusters', note: 'Kubernetes supports at most 150,000 pods per cluster' },
      },
      default: NO_DEFAULT,
      description: 'Instances (replicas) over every service.',
    },
    {
      field: 'nodesPerCluster',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 5000,
        source: { cite: 'k8s-large-clusters', note: 'Kubernetes supports at most 5,000 nodes per cluster' },
      },
      default: NO_DEFAULT,
      description: 'Nodes of one cluster, over its zones.',
    },
    {
      field: 'nodes',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 150_000,
        source: {
          assumption:
            'as many nodes as instances allowed (a node beyond that holds no pod); bounds the per-node tables to a few hundred MB',
        },
      },
      default: NO_DEFAULT,
      description: 'Nodes over every cluster.',
    },
    {
      field: 'callsPerService',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 1000,
        source: {
          assumption:
            'the fan-out of one request; 1,000 calls per request already multiplies the load a thousandfold per level',
        },
      },
      default: NO_DEFAULT,
      description: 'Calls in one service’s call plan, parallel groups included.',
    },
    {
      field: 'trafficSources',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 1000,
        source: { assumption: 'a scenario has a handful of sources; 1,000 covers generated ones' },
      },
      default: NO_DEFAULT,
      description: 'Entries of `traffic`.',
    },
    {
      field: 'faults',
      kind: 'integer',
      unit: 'count',
      max: {
        value: 10_000,
        source: { assumption: 'a schedule of faults for every service of a large platform' },
      },
      default: NO_DEFAULT,
      description: 'Entries of `faults`.',
    },
  ],
} as const satisfies RuleTable;

/** The limit of `field` in {@link LIMIT_RULES} (its `max`, or its `min` for `shortestDuration`). */
function limit(field: (typeof LIMIT_RULES)['rows'][number]['field']): number {
  const row: RuleRow | undefined = LIMIT_RULES.rows.find((r) => r.field === field);
  const bound = field === 'shortestDuration' ? row?.min : row?.max;
  if (bound === undefined) throw new Error(`LIMIT_RULES has no bound for ${field}`);
  return bound.value;
}

/** The limits of {@link LIMIT_RULES} by name, for the code that enforces them. */
export const SCENARIO_LIMITS = {
  fileBytes: limit('fileSize'),
  nestingDepth: limit('nestingDepth'),
  aliases: limit('aliases'),
  values: limit('values'),
  largestNumber: limit('largestNumber'),
  quantityLength: limit('quantityLength'),
  shortestDurationMs: limit('shortestDuration'),
  longestDurationMs: limit('longestDuration'),
  maxRps: limit('rate'),
  services: limit('services'),
  instances: limit('instances'),
  nodesPerCluster: limit('nodesPerCluster'),
  nodes: limit('nodes'),
  callsPerService: limit('callsPerService'),
  trafficSources: limit('trafficSources'),
  faults: limit('faults'),
} as const;
