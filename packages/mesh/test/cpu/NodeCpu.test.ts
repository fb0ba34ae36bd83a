// The node CPU model: processor sharing capped at one core per task, CFS quotas per container,
// cancellation, accounting — and its agreement with queueing theory (M/M/1-PS, M/G/1-PS insensitivity).

import { Engine, RandomStreams, meanConfidenceInterval } from '@meshsim/engine';
import { describe, expect, it } from 'vitest';
import { CFS_PERIOD_MS, NodeCpu, cpuWeightOfRequest } from '../../src/internal/index.js';

/** Runs tasks `[startMs, workMs, container]` and returns each task's completion time. */
function completions(
  cores: number,
  tasks: readonly (readonly [number, number, number])[],
  limits: readonly number[] = [Infinity],
): number[] {
  const engine = new Engine();
  const node = new NodeCpu(engine, 'n', cores);
  const containers = limits.map((limit, i) => node.container(`c${i}`, limit));
  const done: number[] = tasks.map(() => NaN);
  tasks.forEach(([atMs, workMs, c], i) => {
    engine.scheduleAt(atMs, () => {
      containers[c]?.run(workMs, (index: number) => (done[index] = engine.now), i);
    });
  });
  engine.run({ untilMs: 10_000 });
  return done;
}

describe('NodeCpu: sizes', () => {
  it('refuses a node or a limit finer than 1m, the finest CPU quantity Kubernetes takes', () => {
    const engine = new Engine();
    expect(() => new NodeCpu(engine, 'n', 9.4e-323)).toThrow(
      'node n: cpu must be a finite number of cores ≥ 0.001 (1m) (got 9.4e-323)',
    );
    expect(() => new NodeCpu(engine, 'n', Infinity)).toThrow('(got Infinity)');
    const node = new NodeCpu(engine, 'n', 0.001);
    expect(() => node.container('c', 0.0009)).toThrow(
      'container c: cpu limit must be ≥ 0.001 cores (1m) (got 0.0009)',
    );
  });

  it('a node of 1m runs a task at a thousandth of a core', () => {
    expect(completions(0.001, [[0, 1, 0]])).toEqual([1000]);
  });
});

describe('NodeCpu: a task started while its container is throttled', () => {
  it('costs its own work, however long the node ran others during the throttle', () => {
    // A (limit 0.1 core: 10 ms per period) runs 10 ms of a 50 ms task, is throttled until 100 ms; at 50 ms it
    // starts a 5 ms task while B keeps the node busy. A's two tasks then share its quota: 15 ms of work in 45 ms
    // of A's CPU — not the 45 ms the second task cost when it was measured from the node's clock.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 2);
    const a = node.container('a', 0.1);
    const b = node.container('b');
    const done: Record<string, number> = {};
    const finish = (name: string): void => {
      done[name] = engine.now;
    };
    a.run(50, finish, 'a1');
    b.run(1000, finish, 'b');
    engine.scheduleAt(50, () => a.run(5, finish, 'a2'));
    engine.run({ untilMs: 2000 });
    expect(a.cpuMs).toBeCloseTo(55, 9);
    // From 100 ms A and B, of one weight, share the 2 cores: a core each, so A's two tasks get half a core each
    // and a2's 5 ms take 10 ms, as A's 10 ms quota runs out; a1's last 35 ms then run 10 ms per period.
    expect(done['a2']).toBeCloseTo(110, 9);
    expect(done['a1']).toBeCloseTo(505, 9);
  });
});

describe('NodeCpu: a quota left smaller than the clock can resolve', () => {
  it('throttles the container instead of re-arming its timer at the same instant forever', () => {
    // Late in a run the node's virtual clock is ~10⁴ ms, where one ulp is ~2·10⁻¹² ms: a quota left of
    // 2·10⁻⁹ ms shared by 5000 tasks runs out 4·10⁻¹³ ms later — the same instant to the clock.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 2);
    const limited = node.container('c', 1);
    node.container('b').run(20_000, () => undefined, null);
    let done = 0;
    engine.scheduleAt(10_050, () => {
      limited.quotaLeft = 2e-9;
      for (let i = 0; i < 5000; i++) limited.run(1, () => done++, null);
    });
    const summary = engine.run({ untilMs: 30_000, maxEventsAtOneInstant: 10_000 });
    expect(summary.stoppedBy).not.toBe('zeno');
    expect(done).toBe(5000);
    expect(limited.throttledPeriods).toBeGreaterThan(0);
  });

  it('also days into a run, where one step of the clock is far longer than a nanosecond', () => {
    // At 10⁹ ms the clock's resolution is ~10⁻⁷ ms: a quota left of 10⁻⁸ ms runs out within one step.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 2);
    const limited = node.container('c', 1);
    node.container('b').run(2e9, () => undefined, null);
    let done = 0;
    engine.scheduleAt(1e9 + 50, () => {
      limited.quotaLeft = 1e-8;
      limited.run(1, () => done++, null);
    });
    const summary = engine.run({ untilMs: 1e9 + 1000, maxEventsAtOneInstant: 10_000 });
    expect(summary.stoppedBy).not.toBe('zeno');
    expect(done).toBe(1);
  });
});

describe('NodeCpu: processor sharing', () => {
  it('a task alone runs at one core, also on a node with more cores', () => {
    expect(completions(1, [[0, 10, 0]])).toEqual([10]);
    expect(completions(4, [[0, 10, 0]])).toEqual([10]);
  });

  it('two tasks on one core share it: each progresses at half speed', () => {
    const [a, b] = completions(1, [
      [0, 10, 0],
      [0, 10, 0],
    ]);
    expect(a).toBeCloseTo(20, 9);
    expect(b).toBeCloseTo(20, 9);
  });

  it('a short task started while a long one runs finishes first; the long one is slowed by the overlap', () => {
    const [long, short] = completions(1, [
      [0, 10, 0],
      [2, 2, 0],
    ]);
    expect(short).toBeCloseTo(6, 9); // 2 ms of work at half speed from t = 2
    expect(long).toBeCloseTo(12, 9); // 10 ms of work + 2 ms lent to the short task
  });

  it('three tasks on two cores each get two thirds of a core', () => {
    const done = completions(2, [
      [0, 6, 0],
      [0, 6, 0],
      [0, 6, 0],
    ]);
    for (const t of done) expect(t).toBeCloseTo(9, 9);
  });

  it('tasks of different containers share the node the same way', () => {
    const done = completions(
      1,
      [
        [0, 10, 0],
        [0, 10, 1],
      ],
      [Infinity, Infinity],
    );
    for (const t of done) expect(t).toBeCloseTo(20, 9);
  });

  it('a cancelled task stops consuming: the other speeds up at once, and its callback never runs', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const container = node.container('c');
    let doneAt = NaN;
    let cancelledRan = false;
    container.run(10, () => (doneAt = engine.now), undefined);
    const other = container.run(10, () => (cancelledRan = true), undefined);
    engine.scheduleAt(4, () => other.cancel());
    engine.run({ untilMs: 100 });
    expect(cancelledRan).toBe(false);
    expect(doneAt).toBeCloseTo(12, 9); // 2 ms done by t = 4, 8 ms more alone
    expect(container.cpuMs).toBeCloseTo(12, 9);
  });

  it("a task started by another task's completion (a proxy forwarding, then its next step) runs after it, sharing with the rest", () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const container = node.container('c');
    const done: Record<string, number> = {};
    container.run(
      2,
      () => {
        done['first'] = engine.now;
        // Two tasks from one callback: the node re-arms its timer once, after the callback.
        container.run(3, () => (done['second'] = engine.now), undefined);
        container.run(1, () => (done['third'] = engine.now), undefined);
      },
      undefined,
    );
    container.run(4, () => (done['other'] = engine.now), undefined);
    engine.run({ untilMs: 100 });
    // 0–4: two tasks at half speed, the first done at 4; 4–7: three at a third (third done at 7);
    // then two at half: "other" (1 ms left at 7) at 9, "second" (2 ms left at 7, 1 at 9) at 10.
    expect(done['first']).toBeCloseTo(4, 9);
    expect(done['third']).toBeCloseTo(7, 9);
    expect(done['other']).toBeCloseTo(9, 9);
    expect(done['second']).toBeCloseTo(10, 9);
    expect(container.cpuMs).toBeCloseTo(10, 9);
  });

  it("cpuMsAt reads the CPU used so far between the node's events, and reading it changes nothing", () => {
    const run = (read: boolean): { doneAt: number; readings: number[] } => {
      const engine = new Engine();
      const node = new NodeCpu(engine, 'n', 1);
      const container = node.container('c');
      const other = node.container('o');
      let doneAt = NaN;
      container.run(10, () => (doneAt = engine.now), undefined);
      other.run(4, () => undefined, undefined);
      const readings: number[] = [];
      if (read) for (const t of [1, 3, 9.5]) engine.scheduleAt(t, () => readings.push(container.cpuMsAt(t)));
      engine.run({ untilMs: 100 });
      return { doneAt, readings };
    };
    const read = run(true);
    // Half a core each until the other task ends at 8 (4 ms of work), then one core.
    expect(read.readings[0]).toBeCloseTo(0.5, 9);
    expect(read.readings[1]).toBeCloseTo(1.5, 9);
    expect(read.readings[2]).toBeCloseTo(5.5, 9);
    expect(read.doneAt).toBe(run(false).doneAt);
  });

  it('a completion callback that throws leaves the node working for the tasks after it', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const container = node.container('c');
    container.run(
      1,
      () => {
        throw new Error('boom');
      },
      undefined,
    );
    expect(() => engine.run({ untilMs: 100 })).toThrow('boom');
    let doneAt = NaN;
    container.run(5, () => (doneAt = engine.now), undefined);
    engine.run({ untilMs: 100 });
    expect(doneAt).toBeCloseTo(6, 9);
  });
});

describe('NodeCpu: weights (CFS shares between cgroups)', () => {
  /** Runs one batch of tasks `[workMs, container]` at 0 on containers of `weights` and returns completions. */
  function weighted(
    cores: number,
    weights: readonly number[],
    tasks: readonly (readonly [number, number])[],
  ): number[] {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', cores);
    const containers = weights.map((weight, i) => node.container(`c${i}`, Infinity, weight));
    const done = tasks.map(() => NaN);
    tasks.forEach(([workMs, c], i) =>
      containers[c]?.run(workMs, (index: number) => (done[index] = engine.now), i),
    );
    engine.run({ untilMs: 10_000 });
    return done;
  }

  it('busy containers share a core by weight: 1 against 3 gives a quarter and three quarters', () => {
    const [light, heavy] = weighted(
      1,
      [1, 3],
      [
        [10, 0],
        [10, 1],
      ],
    );
    expect(heavy).toBeCloseTo(40 / 3, 9); // 10 ms at 0.75 core
    expect(light).toBeCloseTo(20, 9); // 10/3 ms done by then, the rest alone at a core
  });

  it('a container gets its share whatever the number of its tasks: 4 tasks against 1 on 2 cores', () => {
    const done = weighted(
      2,
      [1, 1],
      [
        [10, 0],
        [10, 0],
        [10, 0],
        [10, 0],
        [10, 1],
      ],
    );
    expect(done[4]).toBeCloseTo(10, 9); // a core for the lone task
    // The four share the other core (a quarter each) until 10 ms, then both cores (half each): 7.5 ms left at 0.5.
    for (const t of done.slice(0, 4)) expect(t).toBeCloseTo(25, 9);
  });

  it('a share above a core per task is capped and the rest goes to the others (water-filling)', () => {
    // 4 cores: weight 100 with one task would get 3.96 cores, takes 1; weight 1 with six tasks takes the 3 left.
    const done = weighted(4, [100, 1], [[10, 0], ...Array.from({ length: 6 }, () => [10, 1] as const)]);
    expect(done[0]).toBeCloseTo(10, 9);
    // The six run at half a core until 10 ms (5 ms done), then at 4/6 of a core: 5 ms more take 7.5 ms.
    for (const t of done.slice(1)) expect(t).toBeCloseTo(17.5, 9);
  });

  it('while the tasks fit on the cores, weights change nothing', () => {
    expect(
      weighted(
        4,
        [1, 10_000],
        [
          [10, 0],
          [10, 0],
          [10, 1],
        ],
      ),
    ).toEqual([10, 10, 10]);
  });

  it('a sidecar requesting 100m keeps its speed next to a busy application that requests nothing', () => {
    // Kubernetes' weights: 17 for 100m, 1 for no request. One core, the app's two workers and the sidecar's one.
    const [app1, , sidecar] = weighted(
      1,
      [cpuWeightOfRequest(undefined), cpuWeightOfRequest(0.1)],
      [
        [10, 0],
        [10, 0],
        [1, 1],
      ],
    );
    expect(sidecar).toBeCloseTo(18 / 17, 9);
    expect(app1).toBeCloseTo(21, 9); // all the work: 21 ms on one core
  });

  it('counts the time runnable tasks waited for a core (cpuWaitMs), and reads it between events (cpuWaitMsAt)', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const busy = node.container('busy');
    const alone = node.container('alone');
    busy.run(10, () => undefined, null);
    busy.run(10, () => undefined, null);
    // Half a core each: at 4 ms each task has waited 2 ms.
    engine.scheduleAt(4, () => expect(busy.cpuWaitMsAt(engine.now)).toBeCloseTo(4, 9));
    engine.run({ untilMs: 100 });
    expect(busy.cpuWaitMs).toBeCloseTo(20, 9); // two tasks, 20 ms each in the node for 10 ms of work
    alone.run(5, () => undefined, null);
    engine.run({ untilMs: 200 });
    expect(alone.cpuWaitMs).toBe(0); // a task alone never waits
  });

  it('refuses a weight below 1 or not finite', () => {
    const node = new NodeCpu(new Engine(), 'n', 1);
    expect(() => node.container('c', Infinity, 0)).toThrow(
      /cpu weight must be a finite number ≥ 1 \(got 0\)/,
    );
    expect(() => node.container('c', Infinity, Number.NaN)).toThrow(/cpu weight/);
  });
});

describe('NodeCpu: cgroup groups (pods, QoS classes)', () => {
  it('shares a busy node between groups first, then within each group by its children’s weights', () => {
    // One core. Pod A (weight 4) holds an app (17) and a sidecar (1); pod B (weight 4) one container (1). The pods
    // get half a core each whatever their containers weigh; within A the app gets 17/18 of A's half.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const podA = node.group('a', 4);
    const podB = node.group('b', 4);
    const app = node.container('a/app', Infinity, 17);
    const sidecar = node.container('a/proxy', Infinity, 1);
    const other = node.container('b/app', Infinity, 1);
    node.place(app, podA);
    node.place(sidecar, podA);
    node.place(other, podB);
    const done: Record<string, number> = {};
    for (const [c, name] of [
      [app, 'app'],
      [sidecar, 'sidecar'],
      [other, 'other'],
    ] as const) {
      c.run(100, (n: string) => (done[n] = engine.now), name);
    }
    engine.run({ untilMs: 1000 });
    // B: 100 ms at half a core = 200 ms. A's app runs at 17/36 of a core until then, then at 17/18 with B gone.
    expect(done['other']).toBeCloseTo(200, 9);
    expect(done['app']).toBeCloseTo(200 + (100 - (200 * 17) / 36) / (17 / 18), 9);
    // Flattened (each container by its own weight) the app would take 17/19 of the core and finish at 111.8 ms.
    expect(done['app']).toBeGreaterThan(200);
  });

  it('an idle child’s share goes to its busy siblings within the group first (a QoS class’s weight)', () => {
    // One core. Group Q (weight 2) holds two pods of weight 1, only one busy; a pod P of weight 2 in the root is
    // busy too. The busy pod in Q gets Q's whole half, not the third its own weight would give it among three.
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    const qos = node.group('q', 2);
    const busyPod = node.group('q/busy', 1, qos);
    node.group('q/idle', 1, qos);
    const inQ = node.container('q/busy/app', Infinity, 1);
    const root = node.container('p/app', Infinity, 2);
    node.place(inQ, busyPod);
    let qDone = NaN;
    inQ.run(10, () => (qDone = engine.now), null);
    root.run(100, () => undefined, null);
    engine.run({ untilMs: 1000 });
    expect(qDone).toBeCloseTo(20, 9);
  });

  it('groups change nothing while the tasks fit on the cores', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 2);
    const group = node.group('g', 1);
    const a = node.container('a', Infinity, 1);
    node.place(a, group);
    const done: number[] = [];
    a.run(10, () => done.push(engine.now), null);
    node.container('b', Infinity, 10_000).run(10, () => done.push(engine.now), null);
    engine.run({ untilMs: 100 });
    expect(done).toEqual([10, 10]);
  });

  it('refuses a bad weight, a cycle, a container of another node, or placing once tasks ran', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 1);
    expect(() => node.group('g', 0.5)).toThrow('cgroup g: cpu weight must be a finite number ≥ 1 (got 0.5)');
    const outer = node.group('outer', 1);
    const inner = node.group('inner', 1, outer);
    expect(() => node.place(outer, inner)).toThrow('cgroup outer cannot be placed under itself (inner)');
    const elsewhere = new NodeCpu(engine, 'm', 1).container('c');
    expect(() => node.place(elsewhere, outer)).toThrow('container c is on node m, not n');
    const c = node.container('c');
    c.run(1, () => undefined, null);
    expect(() => node.place(c, outer)).toThrow('node n: cgroups are placed before the node runs any task');
  });
});

describe('NodeCpu: CFS quota', () => {
  it('a 0.5-core limit: 50 ms per 100 ms period, throttled until the next period', () => {
    const engine = new Engine();
    const node = new NodeCpu(engine, 'n', 4);
    const container = node.container('c', 0.5);
    let doneAt = NaN;
    container.run(100, () => (doneAt = engine.now), undefined);
    engine.run({ untilMs: 1000 });
    expect(doneAt).toBeCloseTo(150, 9);
    expect(container.throttledMs).toBeCloseTo(50, 9);
    expect(container.cpuMs).toBeCloseTo(100, 9);
  });

  it('two tasks in a 1-core container on a 4-core node use the quota twice as fast', () => {
    const done = completions(
      4,
      [
        [0, 60, 0],
        [0, 60, 0],
      ],
      [1],
    );
    // 100 ms of quota per period, spent by two tasks in 50 ms; throttled 50–100; the last 10 ms each 100–110.
    for (const t of done) expect(t).toBeCloseTo(110, 9);
  });

  it('an unlimited container keeps running while a limited one is throttled', () => {
    const done = completions(
      1,
      [
        [0, 100, 0],
        [0, 100, 1],
      ],
      [0.2, Infinity],
    );
    // Both share the core until the limited one has used its 20 ms (t = 40); the other then runs alone
    // until the next period (80 ms of work done at t = 100) and shares again: its last 20 ms end at 140.
    expect(done[1]).toBeCloseTo(140, 6);
    expect(done[0]).toBeGreaterThan(done[1] as number);
  });

  it('the period is the Linux default, 100 ms', () => {
    expect(CFS_PERIOD_MS).toBe(100);
  });
});

/** Mean response time of an M/G/1 queue served by processor sharing on one core. */
function psMeanResponse(
  seed: number,
  lambdaPerMs: number,
  service: (u: () => number) => number,
  customers: number,
): number[] {
  const engine = new Engine();
  const node = new NodeCpu(engine, 'n', 1);
  const container = node.container('c');
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream('arrivals');
  const work = streams.stream('work');
  const responses: number[] = [];
  let sent = 0;
  const arrive = (): void => {
    if (sent++ >= customers) return;
    const start = engine.now;
    container.run(service(work), () => responses.push(engine.now - start), undefined);
    engine.schedule(-Math.log(1 - arrivals()) / lambdaPerMs, arrive, undefined);
  };
  engine.schedule(0, arrive, undefined);
  engine.run();
  return responses;
}

/** Batch means of `values` (dropping the first 10 % as warm-up), for a confidence interval. */
function batchMeans(values: readonly number[], batches = 40): number[] {
  const kept = values.slice(Math.floor(values.length / 10));
  const size = Math.floor(kept.length / batches);
  return Array.from({ length: batches }, (_, b) => {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += kept[i] as number;
    return sum / size;
  });
}

describe('NodeCpu against queueing theory', () => {
  const lambda = 0.7; // per ms; mean work 1 ms ⇒ ρ = 0.7, E[T] = 1 / (1 − ρ) = 3.333 ms
  const theory = 1 / (1 - lambda);

  it('M/M/1-PS: mean response time 1/(μ − λ), as FIFO (99 % CI)', () => {
    const responses = psMeanResponse(1, lambda, (u) => -Math.log(1 - u()), 400_000);
    const ci = meanConfidenceInterval(batchMeans(responses), 0.99);
    expect(ci.low).toBeLessThanOrEqual(theory);
    expect(ci.high).toBeGreaterThanOrEqual(theory);
  });

  it('M/G/1-PS is insensitive: deterministic and bimodal work with the same mean give the same mean response', () => {
    for (const service of [
      () => 1, // deterministic
      (u: () => number) => (u() < 0.9 ? 0.5 : 5.5), // bimodal, mean 1
    ]) {
      const responses = psMeanResponse(2, lambda, service, 400_000);
      const ci = meanConfidenceInterval(batchMeans(responses), 0.99);
      expect(ci.low).toBeLessThanOrEqual(theory);
      expect(ci.high).toBeGreaterThanOrEqual(theory);
    }
  });
});
