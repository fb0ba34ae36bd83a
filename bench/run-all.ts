// Runs every bench script in turn and prints one summary table (units in every header), or JSON with --json.
// Usage: `pnpm bench` (from the workspace root) or `pnpm bench --json`.

import { cpus, loadavg } from 'node:os';

import { run as runEngineHotLoop, type BenchReport, type RunOptions } from './engine-hot-loop.js';
import { run as runModelRequests } from './model-requests.js';
import { run as runPlatform40 } from './platform-40.js';
import { run as runScaling } from './scaling.js';

/**
 * Every bench script, in the order they run. Each exports `run(options): Promise<BenchReport>`.
 * platform-40 always runs 1 simulated minute; `--platform40` or `BENCH_PLATFORM40=1` adds the 10-minute run.
 */
const SCRIPTS: { name: string; run: (options: RunOptions) => Promise<BenchReport> }[] = [
  { name: 'engine-hot-loop', run: runEngineHotLoop },
  { name: 'model-requests', run: runModelRequests },
  { name: 'scaling', run: runScaling },
  { name: 'platform-40', run: runPlatform40 },
];

/** Where and when the figures were measured. */
interface Machine {
  node: string;
  cpuModel: string;
  logicalCpus: number;
  /** 1-minute load average at start and end of the whole run. */
  loadAverage1mStart: number;
  loadAverage1mEnd: number;
  /** Wall time of the whole run [s]. */
  wallSeconds: number;
  date: string;
}

function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** M/s with 2 decimals; `–` where a scenario has no such figure (no naive baseline), never NaN. */
const millions = (perSec: number): string => (Number.isFinite(perSec) ? (perSec / 1e6).toFixed(2) : '–');

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  // In --json mode stdout carries only the JSON document; progress goes to stderr.
  const log = json
    ? (line: string): void => {
        process.stderr.write(`${line}\n`);
      }
    : (line: string): void => {
        console.log(line);
      };
  const cpu = cpus();
  const startMs = performance.now();
  const loadStart = loadavg()[0] ?? NaN;
  const reports: BenchReport[] = [];
  for (const script of SCRIPTS) {
    log(`# ${script.name}`);
    reports.push(await script.run({ log }));
  }
  const machine: Machine = {
    node: process.version,
    cpuModel: cpu[0]?.model ?? 'unknown',
    logicalCpus: cpu.length,
    loadAverage1mStart: loadStart,
    loadAverage1mEnd: loadavg()[0] ?? NaN,
    wallSeconds: (performance.now() - startMs) / 1000,
    date: new Date().toISOString(),
  };

  if (json) {
    console.log(JSON.stringify({ machine, reports }, null, 2));
  } else {
    const rows = reports.flatMap((report) =>
      report.scenarios.map((s) => [
        s.scenario,
        s.pending,
        millions(s.engineEventsPerSec),
        millions(s.naiveEventsPerSec),
        Number.isFinite(s.ratio) ? s.ratio.toFixed(2) : '–',
      ]),
    );
    console.log('');
    console.log(
      formatTable(['scenario', 'pending', 'engine (M events/s)', 'naive (M events/s)', 'ratio (×)'], rows),
    );
    const targets = reports.flatMap((report) =>
      report.targets.map((t) => [
        `${t.name} (M ${t.unit})`,
        `≥ ${millions(t.threshold)}`,
        millions(t.measured),
        t.met ? 'yes' : 'NO',
      ]),
    );
    console.log('');
    console.log(formatTable(['target', 'threshold (M/s)', 'engine (M/s)', 'met'], targets));
    const failed = reports.flatMap((r) => r.checks).filter((c) => !c.ok);
    console.log('');
    console.log(
      failed.length === 0
        ? 'self-checks: engine and naive baseline processed identical event sequences in every scenario'
        : `self-checks FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`,
    );
    console.log(
      `node ${machine.node}, ${machine.logicalCpus} × ${machine.cpuModel}, ` +
        `load average (1 min) ${machine.loadAverage1mStart.toFixed(2)} → ${machine.loadAverage1mEnd.toFixed(2)}, ` +
        `wall ${machine.wallSeconds.toFixed(0)} s`,
    );
  }
  if (reports.some((r) => r.checks.some((c) => !c.ok))) process.exitCode = 1;
}

await main();
