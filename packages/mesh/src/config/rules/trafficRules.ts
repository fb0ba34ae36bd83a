// Rule table of a traffic source's scalar fields (`traffic[]`, `TrafficConfig`): closed-loop users and
// the open-loop arrival process; rates and think times are written as rates and distributions.

import type { RuleTable } from './RuleRow.js';

/** The scalar fields of one traffic source. */
export const TRAFFIC_RULES = {
  id: 'traffic',
  title: 'Traffic source',
  scenarioPath: 'traffic[]',
  configPath: 'TrafficConfig',
  rows: [
    {
      field: 'arrival',
      kind: 'enum',
      unit: 'none',
      values: ['poisson', 'constant'],
      default: { value: 'poisson', source: { assumption: 'independent users arrive as a Poisson process' } },
      description: 'Open loop: poisson (exponential gaps) or constant (even gaps).',
    },
    {
      field: 'users',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a closed loop needs at least one user' } },
      max: {
        value: 1_000_000,
        source: {
          assumption:
            'each user is an object in memory; a million is beyond any closed population one source stands for',
        },
      },
      default: { none: 'open loop (rate)' },
      description: 'Closed loop: users that each send, wait for the outcome, think, repeat.',
    },
    {
      field: 'connections',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: { assumption: 'a load generator needs at least one connection' } },
      max: {
        value: 1_000_000,
        source: { assumption: 'as users: beyond any connection count one load generator opens' },
      },
      default: { none: 'no limit: every arrival is sent when it is due' },
      description:
        'Open loop: at most this many requests in flight, like the connection count of wrk2, fortio or oha (-c); an arrival that finds them all busy waits at the source, and its latency counts from when it was due (as wrk2 reports it, corrected for coordinated omission).',
    },
    {
      field: 'keepAlive',
      kind: 'boolean',
      unit: 'none',
      default: { value: true, source: { assumption: 'load generators keep connections alive by default' } },
      description:
        'Whether the source keeps its connections open between requests (false: a new connection per request, like fortio or oha without keep-alive).',
    },
  ],
} as const satisfies RuleTable;
