// The guards of run and compare: the budgets read from the process (wall time, memory: V8's heap and array buffers),
// the exit code 3 and the stderr line of a stopped run, and the progress drawn on stderr whatever the output format.

import { describe, expect, it, onTestFinished, vi } from 'vitest';

import { main } from '../src/index.js';
import {
  DEFAULT_RUN_GUARDS,
  PROCESS_PROBES,
  guardOptions,
  heapSize,
  memoryInUseBytes,
} from '../src/internal/runGuards.js';
import type { GuardProbes } from '../src/internal/runGuards.js';
import { captureIo } from './__helpers__/io.js';
import { BURST_SCENARIO_YAML, writeTempFile } from './__helpers__/scenarios.js';

/** Probes whose clock and memory the test sets. */
function probes(): GuardProbes & { wallMs: number; heapBytes: number } {
  const state = {
    wallMs: 0,
    heapBytes: 0,
    nowMs: () => state.wallMs,
    memoryUsedBytes: () => state.heapBytes,
    heapLimitBytes: () => 1000,
  };
  return state;
}

describe('guardOptions', () => {
  it('stops on the wall-time budget, counted from when the options were made', () => {
    const p = probes();
    p.wallMs = 50;
    const options = guardOptions({ ...DEFAULT_RUN_GUARDS, maxWallTimeMs: 1000 }, p);
    p.wallMs = 1000;
    expect(options.onCheck?.(65_536, 10)).toBeUndefined();
    p.wallMs = 1051;
    expect(options.onCheck?.(131_072, 20)).toEqual({
      reason: 'wall-time',
      limit: 1000,
      message: 'the wall-time budget of 1.0 s is used up',
    });
  });

  it('stops on the heap budget (a share of the V8 limit) only when it is passed at two checks in a row', () => {
    const p = probes();
    const options = guardOptions({ ...DEFAULT_RUN_GUARDS, maxHeap: { share: 0.8 } }, p);
    p.heapBytes = 900;
    expect(options.onCheck?.(1, 0)).toBeUndefined();
    p.heapBytes = 700; // the collector caught up: the count starts again
    expect(options.onCheck?.(2, 0)).toBeUndefined();
    p.heapBytes = 900;
    expect(options.onCheck?.(3, 0)).toBeUndefined();
    expect(options.onCheck?.(4, 0)).toMatchObject({ reason: 'heap', limit: 800 });
    expect(options.onCheck?.(4, 0)?.message).toContain("(80 % of V8's heap limit of 1.0 KiB)");
  });

  it('says a budget below 1 GiB in MiB, so its number shows (was "0.0 GiB")', () => {
    const p = probes();
    const options = guardOptions({ ...DEFAULT_RUN_GUARDS, maxHeap: { bytes: 20 * 1024 ** 2 } }, p);
    p.heapBytes = 30 * 1024 ** 2;
    options.onCheck?.(1, 0);
    expect(options.onCheck?.(2, 0)?.message).toBe(
      'the memory in use (30.0 MiB: V8 heap and array buffers) passed the budget of 20.0 MiB',
    );
    expect([heapSize(1.5 * 1024 ** 3), heapSize(1024 ** 3), heapSize(512 * 1024)]).toEqual([
      '1.5 GiB',
      '1.0 GiB',
      '512.0 KiB',
    ]);
  });

  it('counts the array buffers besides V8’s heap: typed arrays’ memory lives outside that heap', () => {
    expect(memoryInUseBytes({ heapUsed: 300, arrayBuffers: 200 })).toBe(500);
    const usage = vi.spyOn(process, 'memoryUsage').mockReturnValue({
      rss: 4000,
      heapTotal: 1000,
      heapUsed: 300,
      external: 250,
      arrayBuffers: 200,
    });
    onTestFinished(() => usage.mockRestore());
    expect(PROCESS_PROBES.memoryUsedBytes()).toBe(500);
  });

  it('passes the event limits through', () => {
    expect(
      guardOptions({ ...DEFAULT_RUN_GUARDS, maxEvents: 7, maxEventsAtOneInstant: 9 }, probes()),
    ).toMatchObject({
      maxEvents: 7,
      maxEventsAtOneInstant: 9,
    });
  });
});

describe('a run a guard stops', () => {
  const burst = writeTempFile('burst.yaml', BURST_SCENARIO_YAML);

  it('prints its results, then the line docs/cli.md shows, and exits 3', async () => {
    const io = captureIo();
    const code = await main(['run', burst, '--max-events-per-instant', '10000'], io);
    expect(code).toBe(3);
    expect(io.out()).toContain('STOPPED EARLY (zeno) at 0 s of 10 s simulated');
    const lines = io.err().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^done in \d+\.\d s wall, 20,000 events/);
    expect(lines[1]).toBe(
      "meshsim: run stopped early (zeno) at 0 ms simulated: more than 10,000 events at 0 ms of simulated time (maxEventsAtOneInstant): simulated time stopped advancing; calls at that instant: users → api (10,000); traffic sources: users; the results cover that span only (raise the limit with --max-events-per-instant or 'unlimited')",
    );
  });

  it('exits 0 when the limit is raised, and compare exits 3 with a "Stopped early" section', async () => {
    const raised = captureIo();
    expect(await main(['run', burst, '--duration', '5ms', '--no-progress'], raised)).toBe(0);
    const compared = captureIo();
    expect(
      await main(
        ['compare', 'retry-storm', '--mesh', 'none,linkerd', '--duration', '2s', '--max-events', '5000'],
        compared,
      ),
    ).toBe(3);
    expect(compared.out()).toContain(
      'Stopped early (these columns cover only the simulated time reached):\n  [none] max-events at ',
    );
    expect(compared.err()).toContain('meshsim: none run stopped early (max-events)');
    expect(compared.err()).toContain('meshsim: linkerd run stopped early (max-events)');
  });

  it('draws the progress bar on a terminal stderr also with --json, with the events', async () => {
    const io = captureIo({ isTTY: true });
    // 65,536 events make one progress report between simulated seconds; the bar appears after 0.3 s of wall
    // time. The wall clock advances 100 ms per reading, so the bar is drawn however fast the machine runs.
    let wallMs = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (wallMs += 100));
    onTestFinished(() => clock.mockRestore());
    expect(await main(['run', 'retry-storm', '--duration', '30s', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ schemaVersion: 1 });
    expect(io.err()).toMatch(/\r\[[#-]{10}\] \d+% [\d.]+ s \/ 30 s simulated, [\d,]+ events/);
    expect(io.err()).toContain(' events\x1b[K');
  });
});
