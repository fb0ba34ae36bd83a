// The crash-loop example: payments crash-loops behind a readiness probe while checkout retries it, run under four
// mesh shapes — the kubelet's backoff sets when payments is back (the same for every shape), the mesh sets how many
// retries the outage costs (docs/model.md#crash-loops).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { diagnose, parseScenario, resolveMeshConfig, simulate } from 'meshsim';
import type { Diagnosis, MeshShapeName, SimulationConfig, SimulationResult } from 'meshsim';

/** The scenario file next to this module. */
export const CRASH_LOOP_FILE = fileURLToPath(new URL('./crash-loop.yaml', import.meta.url));

/** The shapes of `npx -y pnpm@10 --filter @meshsim/examples crash-loop`, in its table's order. */
export const CRASH_LOOP_SHAPES: readonly MeshShapeName[] = [
  'none',
  'linkerd',
  'istio-sidecar',
  'istio-ambient',
];

/** The scenario as written (no mesh). */
export function loadCrashLoop(): SimulationConfig {
  return parseScenario(readFileSync(CRASH_LOOP_FILE, 'utf8'), CRASH_LOOP_FILE);
}

/** One row: a shape's run and its diagnosis. */
export interface CrashLoopRow {
  shape: MeshShapeName;
  result: SimulationResult;
  diagnosis: Diagnosis;
}

/** Runs the scenario under every shape (same seed, same arrivals and crashes). */
export function runCrashLoop(shapes = CRASH_LOOP_SHAPES): CrashLoopRow[] {
  const base = loadCrashLoop();
  return shapes.map((shape) => {
    const config = { ...base, mesh: resolveMeshConfig({ shape }) };
    const result = simulate(config);
    return { shape, result, diagnosis: diagnose(config, result) };
  });
}

/** When the last of `service`'s pods became Ready [ms]; undefined when none did. */
export function lastReadyMs(result: SimulationResult, service: string): number | undefined {
  const ready = (result.podEvents?.events ?? []).filter((e) => e.service === service && e.kind === 'ready');
  return ready.at(-1)?.atMs;
}

const seconds = (ms: number | null | undefined, digits = 1): string =>
  ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(digits);

/** The comparison as a Markdown table. */
export function crashLoopTable(rows: readonly CrashLoopRow[]): string {
  const lines = [
    '| mesh | payments back (restart) (s) | payments Ready (s) | recovery after it (s) | failed calls | retries per call, checkout → payments (%) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { shape, result, diagnosis } of rows) {
    const users = result.edges.find((edge) => edge.source === 'users');
    const payments = result.edges.find(
      (edge) => edge.source === 'checkout' && edge.destination === 'payments',
    );
    const retries =
      payments === undefined || payments.calls === 0 ? undefined : payments.retries / payments.calls;
    lines.push(
      `| ${shape} | ${seconds(diagnosis.lastTriggerEndMs, 0)} | ${seconds(lastReadyMs(result, 'payments'))} | ${seconds(diagnosis.recoveryMs, 0)} | ${users?.failed ?? '–'} | ${retries === undefined ? '–' : (100 * retries).toFixed(1)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
