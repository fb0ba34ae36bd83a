// The kinvolk-emojivoto calibration: the model's added median latency and max proxy memory under
// Linkerd and Istio, next to what Buoyant published for the two 2021 runs of the Kinvolk harness
// (docs/sources.md#linkerd-bench-2021-05, #linkerd-bench-2021-11).

import { applyOverrides, generateKinvolkEmojivoto, resolveScenario, simulate } from 'meshsim';
import type { IstioVersion, LinkerdVersion, MeshOptions, SimulationResult } from 'meshsim';

import { entryMedianMs } from './entryMedianMs.js';

/** One published run: the releases compared, the added median over the 6 ms baseline and the max memory of any proxy. */
export interface PublishedRun {
  run: string;
  /** The model's profiles for the releases of this run. */
  linkerdVersion: LinkerdVersion;
  istioVersion: IstioVersion;
  linkerdAddedMedianMs: number;
  istioAddedMedianMs: number;
  linkerdMaxProxyMemoryMB: number;
  envoyMaxProxyMemoryMB: number;
}

/** Buoyant's two runs at 2000 req/s (linkerd.io blog, 2021-05-27 and 2021-11-29). */
export const PUBLISHED_RUNS: readonly PublishedRun[] = [
  {
    run: 'Linkerd 2.10.2 vs Istio 1.10.0',
    linkerdVersion: '2.10',
    istioVersion: '1.10',
    linkerdAddedMedianMs: 9,
    istioAddedMedianMs: 15,
    linkerdMaxProxyMemoryMB: 17.8,
    envoyMaxProxyMemoryMB: 154.6,
  },
  {
    run: 'Linkerd 2.11.1 vs Istio 1.12.0',
    linkerdVersion: '2.11',
    istioVersion: '1.12',
    linkerdAddedMedianMs: 6,
    istioAddedMedianMs: 17,
    linkerdMaxProxyMemoryMB: 26.3,
    envoyMaxProxyMemoryMB: 156.2,
  },
];

/** What the model gives on the scenario with one run's releases. */
export interface ModelFigures {
  /** The published run whose releases the model ran. */
  run: string;
  /** Added median at the load generator vs no mesh (calls-weighted mean of the per-edge medians) [ms]. */
  linkerdAddedMedianMs: number;
  istioAddedMedianMs: number;
  /** Largest memory of one proxy [MB, 10^6 bytes]. */
  linkerdMaxProxyMemoryMB: number;
  envoyMaxProxyMemoryMB: number;
}

function maxProxyMB(result: SimulationResult, kind: string): number {
  const mib = result.proxies.byKind.find((k) => k.kind === kind)?.maxMemoryMiB ?? NaN;
  return (mib * 1024 * 1024) / 1e6;
}

/**
 * Runs kinvolk-emojivoto for `durationMs` under none, and under linkerd and istio-sidecar with each published
 * run's releases (`linkerdVersion`, `istioVersion`): one set of figures per run.
 */
export function kinvolkCalibration(durationMs = 5000): ModelFigures[] {
  const base = resolveScenario(generateKinvolkEmojivoto(), 'kinvolk-emojivoto');
  const run = (mesh: MeshOptions): SimulationResult => simulate(applyOverrides(base, { mesh, durationMs }));
  const none = entryMedianMs(run({ shape: 'none' }));
  return PUBLISHED_RUNS.map((published) => {
    const linkerd = run({ shape: 'linkerd', linkerdVersion: published.linkerdVersion });
    const istio = run({ shape: 'istio-sidecar', istioVersion: published.istioVersion, mtls: true });
    return {
      run: published.run,
      linkerdAddedMedianMs: entryMedianMs(linkerd) - none,
      istioAddedMedianMs: entryMedianMs(istio) - none,
      linkerdMaxProxyMemoryMB: maxProxyMB(linkerd, 'linkerd2-proxy'),
      envoyMaxProxyMemoryMB: maxProxyMB(istio, 'envoy-sidecar'),
    };
  });
}

/** `model / published − 1` as a signed percentage with no decimals (`−72 %`). */
function deviation(model: number, published: number): string {
  const percent = Math.round((model / published - 1) * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)} %`;
}

/** The model next to each published run, as a Markdown table (the one in docs/scenarios/kinvolk-emojivoto.md). */
export function calibrationTable(model: readonly ModelFigures[]): string {
  type Figure = Exclude<keyof ModelFigures & keyof PublishedRun, 'run'>;
  const metrics: [string, Figure, (v: number) => string][] = [
    ['Linkerd added median (ms)', 'linkerdAddedMedianMs', (v) => v.toFixed(2)],
    ['Istio added median (ms)', 'istioAddedMedianMs', (v) => v.toFixed(2)],
    ['Linkerd max proxy memory (MB)', 'linkerdMaxProxyMemoryMB', (v) => v.toFixed(1)],
    ['Envoy max proxy memory (MB)', 'envoyMaxProxyMemoryMB', (v) => v.toFixed(1)],
  ];
  const rows: string[][] = [];
  for (const [label, key, format] of metrics) {
    rows.push([
      label,
      ...PUBLISHED_RUNS.flatMap((published, i) => {
        const figures = model[i];
        if (figures === undefined) throw new Error(`no model figures for ${published.run}`);
        const value = figures[key];
        return [format(value), String(published[key]), deviation(value, published[key])];
      }),
    ]);
  }
  const header = [
    'metric',
    ...PUBLISHED_RUNS.flatMap((run) => [`model (${run.run} profiles)`, 'published', 'model vs it']),
  ];
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
