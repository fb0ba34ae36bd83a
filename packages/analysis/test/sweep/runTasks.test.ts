// An error thrown by a run on the worker threads reaches the caller as it does with `workers: 0`: its class and the
// fields a caller reads (an OverrideError's problems, a ScenarioError's issues). A mesh shape registered in the caller's
// thread only, which the workers do not have, fails there with a plain error saying so and what to do.

import { meshShapes, registerMeshShape, unregisterMeshShape } from '@meshsim/mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OverrideError } from '../../src/overrides/OverrideError.js';
import { scenarioSource } from '../../src/overrides/ScenarioSource.js';
import { planSweep } from '../../src/sweep/planSweep.js';
import { runTasks } from '../../src/sweep/runTasks.js';

const source = scenarioSource(
  'tiny.yaml',
  `name: tiny
seed: 2
duration: 200ms
services:
  api: { replicas: 1, concurrency: 4, serviceTime: { exponential: { mean: 2ms } } }
traffic:
  - { name: users, to: api, rate: 100/s }
`,
);

/** The error `runTasks` rejects with for `tasks` on `workers` threads. */
async function rejection(tasks: Parameters<typeof runTasks>[1], workers: number): Promise<unknown> {
  try {
    await runTasks(source, tasks, { workers });
  } catch (error) {
    return error;
  }
  throw new Error('runTasks did not reject');
}

describe('runTasks on worker threads', () => {
  it('rethrows a run’s OverrideError as an OverrideError with its problems, as in this thread', async () => {
    // A task planned by hand with an override the scenario rejects (planSweep would refuse it up front).
    const [task] = planSweep(source, [], [], 1).tasks;
    if (task === undefined) throw new Error('no task planned');
    const bad = { ...task, overrides: [{ path: 'services.api.replicas', value: 'many' }] };
    const here = await rejection([bad], 0);
    const there = await rejection([bad], 1);
    expect(here).toBeInstanceOf(OverrideError);
    expect(there).toBeInstanceOf(OverrideError);
    expect(there).toMatchObject({
      name: 'OverrideError',
      message: (here as OverrideError).message,
      problems: (here as OverrideError).problems,
    });
  });

  describe('with a mesh shape registered in this thread', () => {
    const linkerd = meshShapes().find((shape) => shape.name === 'linkerd');
    beforeAll(() => {
      if (linkerd === undefined) throw new Error('linkerd is built in');
      registerMeshShape({
        ...linkerd,
        name: 'test-only-here',
        resolve: (options, others) => ({ ...linkerd.resolve(options, others), shape: 'test-only-here' }),
      });
    });
    afterAll(() => unregisterMeshShape('test-only-here'));

    it('runs it with workers: 0, and on workers fails saying plainly that the workers lack it, and what to do', async () => {
      const tasks = planSweep(source, [], [{ path: 'mesh', value: 'test-only-here' }], 1).tasks;
      await expect(runTasks(source, tasks, { workers: 0 })).resolves.toHaveLength(1);
      const error = await rejection(tasks, 1);
      // A plain Error, not the OverrideError of the planned `mesh` override the user may never have written.
      expect(error).not.toBeInstanceOf(OverrideError);
      expect((error as Error).message).toBe(
        'mesh shape "test-only-here" was registered with registerMeshShape in the main thread only: the worker ' +
          'threads that run the simulations have their own registry, without it. Load the module that registers ' +
          'it with --shape-module FILE (command line) or loadShapeModule(FILE) (library), which every worker ' +
          'imports too; or run in the main thread with --workers 0 (workers: 0)',
      );
    });
  });
});
