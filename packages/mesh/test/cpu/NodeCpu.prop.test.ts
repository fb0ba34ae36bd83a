// Invariants of the node CPU model on random workloads: the CPU used never exceeds the cores, no
// container uses more than its quota in any CFS period, and every task's work is done exactly once — no
// more CPU than the work (a task started while its container is throttled once cost more).

import { Engine } from '@meshsim/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniform } from '../../../engine/test/__helpers__/uniform.js';
import { CFS_PERIOD_MS, NodeCpu } from '../../src/internal/index.js';
import type { CpuGroup } from '../../src/internal/index.js';
import { referenceCompletions } from '../__helpers__/referenceCpu.js';
import type { ReferenceTask, ReferenceTree } from '../__helpers__/referenceCpu.js';

const arbWorkload = fc.record({
  cores: fc.constantFrom(1, 2, 3.5, 8),
  limits: fc.array(fc.option(uniform(0.05, 4), { nil: undefined }), {
    minLength: 1,
    maxLength: 4,
  }),
  weights: fc.array(fc.constantFrom(1, 4, 17, 100, 10_000), { minLength: 4, maxLength: 4 }),
  tasks: fc.array(
    fc.record({
      atMs: uniform(0, 900),
      workMs: uniform(0, 200),
      container: fc.nat(3),
      cancelAfterMs: fc.option(uniform(0, 300), { nil: undefined }),
    }),
    { maxLength: 40 },
  ),
});

/**
 * Runs `tasks` on a node of `cores` whose containers have `limits` and `weights`, in the cgroup tree `tree` (none:
 * every container in the root), and expects every task to end when the direct reference ends it.
 */
function expectReferenceCompletions(
  cores: number,
  limits: readonly number[],
  weights: readonly number[],
  tasks: readonly ReferenceTask[],
  tree?: ReferenceTree,
): void {
  const engine = new Engine();
  const node = new NodeCpu(engine, 'n', cores);
  const groups: CpuGroup[] = [];
  tree?.groupWeights.forEach((weight, g) => {
    const parent = tree.groupParents[g] as number;
    groups.push(node.group(`g${g}`, weight, parent < 0 ? null : (groups[parent] as CpuGroup)));
  });
  const containers = limits.map((limit, c) => {
    const container = node.container(`c${c}`, limit, weights[c]);
    const group = tree?.containerGroups[c] ?? -1;
    if (group >= 0) node.place(container, groups[group] as CpuGroup);
    return container;
  });
  const done = tasks.map(() => NaN);
  tasks.forEach((task, i) => {
    engine.scheduleAt(task.atMs, () =>
      containers[task.container]?.run(task.workMs, (index: number) => (done[index] = engine.now), i),
    );
  });
  engine.run({ untilMs: 60_000 });
  const expected = referenceCompletions(cores, limits, tasks, 60_000, weights, tree);
  done.forEach((atMs, i) => expect(atMs, `task ${i}`).toBeCloseTo(expected[i] as number, 6));
}

describe('NodeCpu invariants', () => {
  it('CPU ≤ cores at all times, usage ≤ quota per period, each task done once with its work', () => {
    fc.assert(
      fc.property(arbWorkload, ({ cores, limits, weights, tasks }) => {
        const engine = new Engine();
        const node = new NodeCpu(engine, 'n', cores);
        const containers = limits.map((limit, i) => node.container(`c${i}`, limit ?? Infinity, weights[i]));
        const done = new Array<number>(tasks.length).fill(0);
        let expectedWork = 0;
        let startedWork = 0;
        const cancelled = new Set<number>();
        tasks.forEach((task, i) => {
          engine.scheduleAt(task.atMs, () => {
            const container = containers[task.container % containers.length];
            if (container === undefined) return;
            startedWork += task.workMs;
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
        // quota, plus what the last 1e-6 ms of the period before can add (at most the node's cores); node busy ≤ cores.
        const lastCpu = containers.map(() => 0);
        let lastBusy = 0;
        for (let t = CFS_PERIOD_MS; t <= 20_000; t += CFS_PERIOD_MS) {
          engine.scheduleAt(t - 1e-6, () => {
            containers.forEach((container, i) => {
              const cpuMs = container.cpuMsAt(engine.now);
              const used = cpuMs - (lastCpu[i] as number);
              expect(used).toBeLessThanOrEqual(container.limitCores * CFS_PERIOD_MS + cores * 1e-6 + 1e-9);
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
        // Work done ≥ the work of tasks never cancelled (cancelled ones may have used some before), and ≤ the work
        // of every task started: a task never costs more CPU than its work (a throttle adds waiting, not work).
        const used = containers.reduce((sum, c) => sum + c.cpuMs, 0);
        expect(used).toBeGreaterThanOrEqual(expectedWork - 1e-6);
        expect(used).toBeLessThanOrEqual(startedWork + 1e-6);
        expect(cancelled.size).toBeLessThanOrEqual(tasks.length);
      }),
      { numRuns: 150 },
    );
  });

  it('finishes every task when a direct event-by-event reference of sharing and quotas does (model-based)', () => {
    const arbSmall = fc.record({
      cores: fc.constantFrom(1, 2, 3.5),
      limits: fc.array(fc.option(uniform(0.05, 2), { nil: undefined }), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.constantFrom(1, 4, 17, 29, 100, 2.5), { minLength: 3, maxLength: 3 }),
      tasks: fc.array(fc.record({ atMs: uniform(0, 500), workMs: uniform(0, 80), container: fc.nat(2) }), {
        maxLength: 25,
      }),
    });
    fc.assert(
      fc.property(arbSmall, ({ cores, limits, weights, tasks }) => {
        const limitCores = limits.map((limit) => limit ?? Infinity);
        const weightOf = limitCores.map((_, i) => weights[i] as number);
        const placed = tasks.map((task) => ({ ...task, container: task.container % limitCores.length }));
        expectReferenceCompletions(cores, limitCores, weightOf, placed);
      }),
      { numRuns: 200 },
    );
  });

  it('under a cgroup tree, finishes every task when the reference sharing level by level does (model-based)', () => {
    const arbTree = fc.record({
      cores: fc.constantFrom(1, 2, 3.5),
      limits: fc.array(fc.option(uniform(0.05, 2), { nil: undefined }), { minLength: 2, maxLength: 4 }),
      weights: fc.array(fc.constantFrom(1, 4, 17, 29, 100, 2.5), { minLength: 4, maxLength: 4 }),
      // Up to 3 groups, each in the root or in an earlier group; each container in the root or a group.
      groupWeights: fc.array(fc.constantFrom(1, 4, 14, 79, 10_000), { maxLength: 3 }),
      groupParents: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 3, maxLength: 3 }),
      containerGroups: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 4, maxLength: 4 }),
      tasks: fc.array(fc.record({ atMs: uniform(0, 500), workMs: uniform(0, 80), container: fc.nat(3) }), {
        maxLength: 25,
      }),
    });
    fc.assert(
      fc.property(arbTree, (w) => {
        const limitCores = w.limits.map((limit) => limit ?? Infinity);
        const groups = w.groupWeights.length;
        const tree = {
          groupWeights: w.groupWeights,
          groupParents: w.groupWeights.map((_, g) => {
            const parent = w.groupParents[g] as number;
            return parent < g ? parent : -1;
          }),
          containerGroups: limitCores.map((_, c) => {
            const group = w.containerGroups[c] as number;
            return group < groups ? group : -1;
          }),
        };
        const placed = w.tasks.map((task) => ({ ...task, container: task.container % limitCores.length }));
        expectReferenceCompletions(w.cores, limitCores, w.weights, placed, tree);
      }),
      { numRuns: 200 },
    );
  });

  it('without cancellations, the CPU used is exactly the work of the tasks, throttled or not', () => {
    fc.assert(
      fc.property(arbWorkload, ({ cores, limits, weights, tasks }) => {
        const engine = new Engine();
        const node = new NodeCpu(engine, 'n', cores);
        const containers = limits.map((limit, i) => node.container(`c${i}`, limit ?? Infinity, weights[i]));
        const work = containers.map(() => 0);
        for (const task of tasks) {
          const index = task.container % containers.length;
          work[index] = (work[index] as number) + task.workMs;
          engine.scheduleAt(task.atMs, () => containers[index]?.run(task.workMs, () => undefined, null));
        }
        // Every task ends by then: at most 40 × 200 ms of work at 0.1 core is 80 s.
        engine.run({ untilMs: 100_000 });
        containers.forEach((container, i) => {
          expect(container.running).toBe(0);
          expect(container.cpuMs).toBeCloseTo(work[i] as number, 6);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("without limits, each container's CPU plus its CPU wait is the time its tasks were in the node (run delay)", () => {
    fc.assert(
      fc.property(arbWorkload, ({ cores, limits, weights, tasks }) => {
        const engine = new Engine();
        const node = new NodeCpu(engine, 'n', cores);
        const containers = limits.map((_, i) => node.container(`c${i}`, Infinity, weights[i]));
        const inNode = containers.map(() => 0);
        for (const task of tasks) {
          const index = task.container % containers.length;
          engine.scheduleAt(task.atMs, () =>
            containers[index]?.run(
              task.workMs,
              () => (inNode[index] = (inNode[index] as number) + engine.now - task.atMs),
              null,
            ),
          );
        }
        engine.run({ untilMs: 100_000 });
        containers.forEach((container, i) => {
          expect(container.cpuMs + container.cpuWaitMs).toBeCloseTo(inNode[i] as number, 6);
          expect(container.cpuWaitMs).toBeGreaterThanOrEqual(-1e-9);
        });
      }),
      { numRuns: 150 },
    );
  });
});
