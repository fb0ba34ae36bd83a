// Scaling benchmark: (1) the engine's event churn as the pending set grows 10^3 → 10^6, and (2) the mesh
// model's events/s as the topology grows (a binary call tree of N = 5, 20, 80 services) at a constant
// total call rate, under `none` and `istio-sidecar`. Flat lines mean cost per event does not grow with size.
//
// Run alone with `npx tsx --tsconfig tsconfig.json bench/scaling.ts`, or through `pnpm bench`.

import { pathToFileURL } from 'node:url';

import { Engine, RandomStreams } from '@meshsim/engine';
import type { DistributionSpec } from '@meshsim/engine';
import { DEFAULT_CLUSTERS, DEFAULT_NETWORK, NO_POLICY, resolveMeshConfig } from '@meshsim/mesh';
import type { MeshShapeName, ServiceConfig, SimulationConfig } from '@meshsim/mesh';

import type { BenchReport, RunOptions, ScenarioResult } from './engine-hot-loop.js';
import { fmtK, fmtM, median, rmePct, timeSimulation } from './model-requests.js';

/** Root seed of every random stream in this benchmark. */
const SEED = 42;

// ---------------------------------------------------------------------------------------------
// Queue-size scaling: timer churn.
// ---------------------------------------------------------------------------------------------

/** Pending-set sizes. */
const CHURN_SIZES: readonly [number, string][] = [
  [1_000, '10^3'],
  [10_000, '10^4'],
  [100_000, '10^5'],
  [1_000_000, '10^6'],
];
/** Events fired before timing (JIT and heap warm-up), and per timed repetition. */
const CHURN_WARMUP_EVENTS = 300_000;
const CHURN_EVENTS_PER_REP = 500_000;
const CHURN_REPS = 5;

/**
 * `pending` timers on the meshsim Engine, each rescheduling itself with an Exp(1) delay when it
 * fires: the same workload as engine-hot-loop.ts's `engineChurn` (which that file does not export;
 * import it from there once it does).
 */
function engineChurn(pending: number): Engine {
  const engine = new Engine();
  const random = RandomStreams.create(SEED, 'churn');
  const onTimer = (i: number): void => {
    engine.schedule(-Math.log(1 - random()), onTimer, i);
  };
  for (let i = 0; i < pending; i++) engine.schedule(-Math.log(1 - random()), onTimer, i);
  return engine;
}

function churnScenario(pending: number, label: string): ScenarioResult {
  const engine = engineChurn(pending);
  engine.run({ maxEvents: CHURN_WARMUP_EVENTS });
  const perSec: number[] = [];
  for (let rep = 0; rep < CHURN_REPS; rep++) {
    const start = performance.now();
    const fired = engine.run({ maxEvents: CHURN_EVENTS_PER_REP }).eventsProcessed;
    perSec.push(fired / ((performance.now() - start) / 1000));
  }
  if (engine.pending !== pending)
    throw new Error(`churn ${label}: ${engine.pending} pending, expected ${pending}`);
  const eventsPerSec = median(perSec);
  return {
    scenario: 'scaling: engine churn',
    pending: label,
    unit: 'events',
    engineEventsPerSec: eventsPerSec,
    naiveEventsPerSec: NaN,
    ratio: NaN,
    engineRmePct: rmePct(perSec.map((v) => 1 / v)),
    naiveRmePct: NaN,
    engineSamples: perSec.length,
    naiveSamples: 0,
    extra: {
      eventsPerRep: CHURN_EVENTS_PER_REP,
      eventsPerSecMin: Math.min(...perSec),
      eventsPerSecMax: Math.max(...perSec),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Topology-size scaling: a binary call tree at a constant total call rate.
// ---------------------------------------------------------------------------------------------

/** Services in the tree. */
const TREE_SIZES = [5, 20, 80] as const;
/** Calls per second over all edges, whatever N: the entry rate is this / N (every request visits every service). */
const TOTAL_CALLS_PER_SEC = 20_000;
/** Simulated time per run [ms]: 200 000 calls at every N. */
const TREE_SIMULATED_MS = 10_000;
/** Timed rounds (each runs every size and shape once) after one warm-up round. */
const TREE_ROUNDS = 5;
/** "Zero-ish" service time, as in model-requests.ts: nothing queues. */
const SERVICE_TIME: DistributionSpec = { kind: 'exponential', mean: 0.01 };

/** Service `s<i>` calls its children `s<2i+1>` and `s<2i+2>` in parallel (one stage); no policies. */
export function treeConfig(
  services: number,
  shape: MeshShapeName,
  simulatedMs = TREE_SIMULATED_MS,
): SimulationConfig {
  const name = (i: number): string => `s${i}`;
  const list: ServiceConfig[] = [];
  for (let i = 0; i < services; i++) {
    const children = [2 * i + 1, 2 * i + 2].filter((c) => c < services);
    list.push({
      name: name(i),
      namespace: 'default',
      cluster: DEFAULT_CLUSTERS[0]?.name ?? 'cluster-1',
      replicas: 2,
      concurrency: 64,
      queueCapacity: 1024,
      queueDiscipline: 'fifo',
      serviceTimeMs: SERVICE_TIME,
      errorRate: 0,
      calls:
        children.length === 0
          ? []
          : [
              children.map((c) => ({
                to: name(c),
                probability: 1,
                optional: false,
                policySet: true,
                policy: NO_POLICY,
              })),
            ],
    });
  }
  return {
    name: `tree-${services}/${shape}`,
    description: `scaling bench: binary call tree of ${services} services`,
    seed: SEED,
    durationMs: simulatedMs,
    mesh: resolveMeshConfig({ shape: shape }),
    network: DEFAULT_NETWORK,
    clusters: DEFAULT_CLUSTERS,
    services: list,
    traffic: [
      {
        kind: 'open',
        name: 'client',
        to: name(0),
        arrival: 'poisson',
        rate: [{ atMs: 0, rps: TOTAL_CALLS_PER_SEC / services, rampToNext: false }],
        policy: NO_POLICY,
      },
    ],
    faults: [],
    assumptions: [],
  };
}

function treeScenarios(log: (line: string) => void): ScenarioResult[] {
  const cases = (['none', 'istio-sidecar'] as const).flatMap((shape) =>
    TREE_SIZES.map((n) => ({ shape, n, config: treeConfig(n, shape) })),
  );
  const walls = cases.map(() => [] as number[]);
  const last = cases.map(() => ({ events: 0, calls: 0, pendingP50: 0 }));
  for (let round = 0; round <= TREE_ROUNDS; round++) {
    cases.forEach((c, i) => {
      const r = timeSimulation(c.config);
      if (round > 0) walls[i]?.push(r.wallMs);
      last[i] = { events: r.events, calls: r.calls, pendingP50: r.pendingP50 };
      if (round === 0 && (r.result.conservation.failed > 0 || !r.result.conservation.holds))
        log(`WARNING tree-${c.n}/${c.shape}: ${r.result.conservation.failed} failed requests`);
    });
  }
  return cases.map((c, i) => {
    const wallMs = median(walls[i] as number[]);
    const { events, calls, pendingP50 } = last[i] as { events: number; calls: number; pendingP50: number };
    const eventsPerSec = events / (wallMs / 1000);
    const callsPerSec = calls / (wallMs / 1000);
    log(
      `tree of ${c.n} services, ${c.shape}, ${TOTAL_CALLS_PER_SEC / 1000}k calls/s simulated: ${wallMs.toFixed(0)} ms, ` +
        `${fmtM(eventsPerSec)} M events/s, ${fmtK(callsPerSec)} k calls/s (${(events / calls).toFixed(2)} events/call, ~${Math.round(pendingP50)} pending)`,
    );
    return {
      scenario: `scaling: tree of ${c.n} services, ${c.shape}`,
      pending: `~${Math.round(pendingP50)}`,
      unit: 'events' as const,
      engineEventsPerSec: eventsPerSec,
      naiveEventsPerSec: NaN,
      ratio: NaN,
      engineRmePct: rmePct(walls[i] as number[]),
      naiveRmePct: NaN,
      engineSamples: (walls[i] as number[]).length,
      naiveSamples: 0,
      extra: {
        services: c.n,
        entryRps: TOTAL_CALLS_PER_SEC / c.n,
        simulatedMs: TREE_SIMULATED_MS,
        wallMsP50: wallMs,
        events,
        calls,
        callsPerSec,
        eventsPerCall: events / calls,
      },
    };
  });
}

/** Runs both scalings and returns the figures; one line per size through `options.log`. */
export async function run(options: RunOptions = {}): Promise<BenchReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const scenarios: ScenarioResult[] = [];
  for (const [pending, label] of CHURN_SIZES) {
    const result = churnScenario(pending, label);
    scenarios.push(result);
    log(
      `engine churn, ${label} pending: ${fmtM(result.engineEventsPerSec)} M events/s (±${result.engineRmePct.toFixed(1)}%)`,
    );
  }
  scenarios.push(...treeScenarios(log));
  return { name: 'scaling', scenarios, targets: [], checks: [] };
}

// Run directly: `tsx bench/scaling.ts`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
