// Invariants of the node CPU model on random workloads: the CPU used never exceeds the cores, no
// container uses more than its quota in any CFS period, and every task's work is done exactly once.

import { Engine } from '@meshsim/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CFS_PERIOD_MS, NodeCpu } from '../../src/internal/index.js';

const arbWorkload = fc.record({
  cores: fc.constantFrom(1, 2, 3.5, 8),
  limits: fc.array(fc.option(fc.double({ min: 0.1, max: 4, noNaN: true }), { nil: undefined }), {
    minLength: 1,
    maxLength: 4,
  }),
  tasks: fc.array(
    fc.record({
      atMs: fc.double({ min: 0, max: 900, noNaN: true }),
      workMs: fc.double({ min: 0, max: 200, noNaN: true }),
      container: fc.nat(3),
      cancelAfterMs: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: undefined }),
    }),
    { maxLength: 40 },
  ),
});

describe('NodeCpu invariants', () => {
  it('CPU ≤ cores at all times, usage ≤ quota per period, each task done once with its work', () => {
    fc.assert(
      fc.property(arbWorkload, ({ cores, limits, tasks }) => {
        const engine = new Engine();
        const node = new NodeCpu(engine, 'n', cores);
        const containers = limits.map((limit, i) => node.container(`c${i}`, limit ?? Infinity));
        const done = new Array<number>(tasks.length).fill(0);
        let expectedWork = 0;
        const cancelled = new Set<number>();
        tasks.forEach((task, i) => {
          engine.scheduleAt(task.atMs, () => {
            const container = containers[task.container % containers.length];
            if (container === undefined) return;
            const handle = container.run(
              task.workMs,
              (index: number) => (done[index] = (done[index] ?? 0) + 1),
              i,
            );
            if (task.cancelAfterMs !== undefined) {
              engine.schedule(task.cancelAfterMs, () => {
                if (done[i] === 0) cancelled.add(i);
                handle.cancel();
              });
            } else {
              expectedWork += task.workMs;
            }
          });
        });
        // Probe just before every period boundary: per-container usage in the window since the last probe ≤ its
        // quota, plus what the last 1e-6 ms of the period before can add at one core; node busy ≤ cores.
        const lastCpu = containers.map(() => 0);
        let lastBusy = 0;
        for (let t = CFS_PERIOD_MS; t <= 20_000; t += CFS_PERIOD_MS) {
          engine.scheduleAt(t - 1e-6, () => {
            containers.forEach((container, i) => {
              const cpuMs = container.cpuMsAt(engine.now);
              const used = cpuMs - (lastCpu[i] as number);
              expect(used).toBeLessThanOrEqual(container.limitCores * CFS_PERIOD_MS + 1e-6 + 1e-9);
              lastCpu[i] = cpuMs;
            });
          });
          engine.scheduleAt(t, () => {
            node.utilisation(engine.now);
            expect(node.busyCoreMs - lastBusy).toBeLessThanOrEqual(cores * CFS_PERIOD_MS + 1e-6);
            lastBusy = node.busyCoreMs;
          });
        }
        engine.run({ untilMs: 20_000 });
        tasks.forEach((task, i) => {
          if (task.cancelAfterMs === undefined) expect(done[i]).toBe(1);
          else expect(done[i]).toBeLessThanOrEqual(1);
        });
        expect(node.utilisation(20_000)).toBeLessThanOrEqual(1 + 1e-9);
        // Work done ≥ the work of tasks never cancelled (cancelled ones may have used some before).
        const used = containers.reduce((sum, c) => sum + c.cpuMs, 0);
        expect(used).toBeGreaterThanOrEqual(expectedWork - 1e-6);
        expect(cancelled.size).toBeLessThanOrEqual(tasks.length);
      }),
      { numRuns: 150 },
    );
  });
});
