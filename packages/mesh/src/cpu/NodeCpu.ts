// A node's cores shared by every container on it (application containers, sidecars, ztunnels,
// waypoints): weighted processor sharing between cgroups (containers, and groups such as pods) by their CPU
// weights, level by level, each task capped at one core, and CFS quotas for containers with a CPU limit.

import type { Engine, TimerHandle } from '@meshsim/engine';
import { MIN_CPU_CORES } from '../config/rules/ruleAssumptions.js';

/** The CFS period [ms]: the Linux default `cpu.cfs_period_us` = 100 000 µs. */
export const CFS_PERIOD_MS = 100;

/** Virtual-time slack below which two instants count as the same (floating-point rounding). */
const EPSILON = 1e-9;

/** The same, relative to the clock's value: about 4.5 steps of a double (2⁻⁵² each). */
const RELATIVE_SLACK = 1e-15;

/** Receives the argument given to {@link CpuContainer.run} when the task's work is done. */
export type CpuDone<A> = (arg: A) => void;

/** A task running (or waiting for quota) in a container; `cancel()` stops it. */
export interface CpuTask {
  /** Stops the task: its remaining work is dropped and its callback never runs. No-op once done. */
  cancel(): void;
}

/** One task in a container's heap, ordered by `finishV` (the container's virtual time), then `seq`. */
class TaskEntry implements CpuTask {
  done = false;

  constructor(
    readonly container: CpuContainer,
    readonly finishV: number,
    readonly seq: number,
    readonly onDone: CpuDone<unknown>,
    readonly arg: unknown,
  ) {}

  cancel(): void {
    if (this.done) return;
    this.done = true;
    this.container.cancelled(this);
  }
}

function before(a: TaskEntry, b: TaskEntry): boolean {
  return a.finishV < b.finishV || (a.finishV === b.finishV && a.seq < b.seq);
}

/**
 * A container (a cgroup) on a node: its tasks, its CPU limit enforced as a CFS quota, and its
 * accounting. Build containers with {@link NodeCpu.container}.
 */
export class CpuContainer {
  /** CPU consumed so far [ms of one core]. */
  cpuMs = 0;
  /** Time spent throttled (quota exhausted, work waiting for the next period) [ms]. */
  throttledMs = 0;
  /** Periods in which the container was throttled. */
  throttledPeriods = 0;
  /**
   * Time its runnable tasks waited for a core, summed over the tasks [ms]: each task's elapsed time less the work
   * it got, while the container was not throttled (the scheduler's run delay; throttled time is `throttledMs`).
   */
  cpuWaitMs = 0;
  /** Tasks not yet done (running, or waiting while throttled). */
  running = 0;
  /**
   * @internal The container's virtual time: work delivered to each of its runnable tasks since it was made [ms].
   * It stands still while the container is throttled or idle.
   */
  virtualMs = 0;
  /** @internal Work per ms each of its runnable tasks gets now [ms/ms, ≤ 1]; set by the node at each change. */
  rate = 0;
  /** @internal Whether the last share computation gave each of its tasks a whole core (scratch of the node). */
  capped = false;
  /** @internal Discriminates containers from groups in a group's children. */
  readonly isGroup = false;
  /** @internal The group it is placed in ({@link NodeCpu.place}); null: the node's root. */
  parent: CpuGroup | null = null;
  /** @internal Scratch of the node's share computation: its runnable tasks in the last one. */
  demand = 0;
  /** @internal True while throttled: its tasks make no progress. */
  throttled = false;
  /** @internal Quota left in this period [ms of CPU]; Infinity without a limit. */
  quotaLeft: number;
  /** @internal Index in the node's list of busy containers, or −1. */
  busyIndex = -1;
  /**
   * @internal `finishV` of the earliest task not done (the heap's top), Infinity when none. PERF: the
   * node's scans of its busy containers read this field, not the heap and its top entry (cold memory).
   */
  topFinishV = Infinity;
  /**
   * Whether the container has a CPU limit (a quota). PERF: a field, read on every scan of the node's busy
   * containers, faster than comparing `quotaLeft` with Infinity.
   */
  readonly limited: boolean;
  private throttledAtMs = 0;
  private readonly heap: TaskEntry[] = [];
  private readonly quotaPerPeriodMs: number;

  constructor(
    /** @internal The node it runs on. */
    readonly node: NodeCpu,
    /** Name for results (e.g. `checkout-1/app`, `node-1/ztunnel`). */
    readonly name: string,
    /** CPU limit [cores]; Infinity = none. */
    readonly limitCores: number,
    /** Its cgroup's CPU weight (from its CPU request, {@link cpuWeightOfRequest}): its share of a busy node. */
    readonly weight: number,
  ) {
    this.quotaPerPeriodMs = limitCores * CFS_PERIOD_MS;
    this.quotaLeft = this.quotaPerPeriodMs;
    this.limited = limitCores !== Infinity;
  }

  /**
   * Runs `workMs` of CPU work [ms of one core] and then calls `onDone(arg)`. The work progresses at
   * the container's share of the node split among its runnable tasks (at most one core each) while the
   * container is not throttled.
   */
  run<A>(workMs: number, onDone: CpuDone<A>, arg: A): CpuTask {
    return this.node.start(this, workMs, onDone as CpuDone<unknown>, arg);
  }

  /** @internal Adds a task (the node has advanced its clock and accounted usage). */
  push(entry: TaskEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent] as TaskEntry)) break;
      heap[i] = heap[parent] as TaskEntry;
      i = parent;
    }
    heap[i] = entry;
    if (i === 0) this.topFinishV = entry.finishV;
    this.running++;
  }

  /** @internal Takes the earliest task (its work is done) off the heap and marks it done. */
  takeTop(): TaskEntry {
    const top = this.heap[0] as TaskEntry;
    top.done = true;
    this.dropDoneTops();
    return top;
  }

  /** @internal Drops tasks that are done (finished or cancelled) from the top; updates `topFinishV`. */
  dropDoneTops(): void {
    const heap = this.heap;
    while (heap.length > 0 && (heap[0] as TaskEntry).done) this.popTop();
    this.topFinishV = heap.length > 0 ? (heap[0] as TaskEntry).finishV : Infinity;
  }

  /** Removes the top entry. */
  private popTop(): void {
    const heap = this.heap;
    const last = heap.pop() as TaskEntry;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right] as TaskEntry, heap[left] as TaskEntry) ? right : left;
      if (!before(heap[child] as TaskEntry, last)) break;
      heap[i] = heap[child] as TaskEntry;
      i = child;
    }
    heap[i] = last;
  }

  /** @internal A task was cancelled. */
  cancelled(entry: TaskEntry): void {
    this.node.cancel(this, entry);
  }

  /** @internal Moves its clock and accounts its usage over `dtMs` of node time at its current rate. */
  advance(dtMs: number): void {
    const work = this.rate * dtMs;
    this.virtualMs += work;
    const used = this.running * work;
    this.cpuMs += used;
    // PERF: one multiply-add per busy container and node event; 0 while its tasks run at a whole core.
    this.cpuWaitMs += this.running * dtMs - used;
    if (this.limited) this.quotaLeft -= used;
  }

  /** @internal Stops progress until the next period. */
  throttle(nowMs: number): void {
    this.throttled = true;
    this.throttledAtMs = nowMs;
    this.throttledPeriods++;
  }

  /** @internal A new period: the quota is refilled; a throttled container resumes. Returns whether it was throttled. */
  refill(nowMs: number): boolean {
    this.quotaLeft = this.quotaPerPeriodMs;
    if (!this.throttled) return false;
    this.throttled = false;
    this.throttledMs += nowMs - this.throttledAtMs;
    return true;
  }

  /** @internal Throttled time including a throttle still in progress at `nowMs` [ms]. */
  throttledMsAt(nowMs: number): number {
    return this.throttled ? this.throttledMs + (nowMs - this.throttledAtMs) : this.throttledMs;
  }

  /** {@link cpuWaitMs} up to `nowMs` [ms], including the wait since the node last accounted; changes no state. */
  cpuWaitMsAt(nowMs: number): number {
    if (this.busyIndex < 0) return this.cpuWaitMs;
    const dt = nowMs - this.node.lastEventMs;
    return dt > 0 ? this.cpuWaitMs + this.running * (1 - this.rate) * dt : this.cpuWaitMs;
  }

  /**
   * CPU consumed up to `nowMs` [ms of one core], including what its running tasks used since the node last
   * accounted (`cpuMs` is brought up to date only at the node's events). Reads without changing any state, so
   * reading it mid-run leaves the run's results as they are.
   */
  cpuMsAt(nowMs: number): number {
    if (this.busyIndex < 0) return this.cpuMs;
    const dt = nowMs - this.node.lastEventMs;
    return dt > 0 ? this.cpuMs + this.running * this.rate * dt : this.cpuMs;
  }
}

/** A child of a {@link CpuGroup}: a container (its tasks run there) or another group. */
export type CpuGroupChild = CpuContainer | CpuGroup;

/**
 * A cgroup with children on one node, weighed among its siblings by `weight`. Build groups with
 * {@link NodeCpu.group} and place containers and groups in them with {@link NodeCpu.place}.
 */
export class CpuGroup {
  /** @internal Discriminates groups from containers in a group's children. */
  readonly isGroup = true;
  /** @internal The parent group; null for the node's root. */
  parent: CpuGroup | null = null;
  /** @internal Scratch of the node's share computation: the listing that last reset `children`. */
  epoch = 0;
  /** @internal Scratch: runnable tasks under this group in the last share computation (the cores it could use). */
  demand = 0;
  /** @internal Scratch: whether its share covers its demand (water-filling). */
  capped = false;
  /** @internal Scratch: busy children at the last listing (the first `childCount` entries). */
  readonly children: CpuGroupChild[] = [];
  /** @internal Scratch: number of busy children in `children`. */
  childCount = 0;

  constructor(
    /** Name for results and errors (e.g. `checkout-1`, `kubepods/burstable`). */
    readonly name: string,
    /** Its CPU weight among its siblings (≥ 1). */
    readonly weight: number,
  ) {}
}

/**
 * The cores of one node, shared as the kernel's CFS shares them between cgroups: each busy container (one
 * with runnable tasks, not throttled) gets a share of the cores in proportion to its weight, split equally
 * among its runnable tasks, no task above one core; what a container cannot use (fewer tasks than its share)
 * goes to the others by their weights (water-filling). With groups ({@link group}, {@link place}) the same
 * sharing runs level by level: the cores between the root's busy children, each group's share between its own.
 * With `n` runnable tasks on at most `cores` cores, every task runs at one core. Each container keeps its own
 * virtual clock (work delivered to each of its tasks), so a task start or end costs O(busy containers and their
 * groups) and one engine timer.
 */
export class NodeCpu {
  /** Busy core-milliseconds so far (∫ min(n, cores) dt). */
  busyCoreMs = 0;
  /** Largest number of runnable tasks seen at once. */
  maxRunnable = 0;
  /** Largest CPU weight of its containers (1 when none). */
  maxWeight = 1;
  /** @internal The instant up to which every container's clock and usage are accounted [ms]. */
  lastEventMs = 0;
  /** Runnable tasks: tasks of containers that are not throttled. */
  private runnable = 0;
  private seq = 0;
  private timer: TimerHandle = -1;
  /** True while `fire` runs its callbacks: they re-arm the timer once, after the last. */
  private firing = false;
  /**
   * Tasks finished by the current `fire` (its first entries). PERF: one array for every `fire` (it
   * never runs inside itself), filled by index and emptied entry by entry: a new array per `fire`, or
   * `push` and `length = 0` on this one, measured slower than the rest of `fire` together.
   */
  private readonly finished: (TaskEntry | null)[] = [];
  /** Containers with runnable tasks (not throttled): the ones that share the cores. */
  private readonly busy: CpuContainer[] = [];
  private readonly limited: CpuContainer[] = [];
  private periodTickArmed = false;
  /** The node's root cgroup: the parent of containers and groups placed in no group. */
  private readonly root = new CpuGroup('/', 1);
  /** Number of the current listing of busy children in the groups (the groups' scratch is of this listing). */
  private epoch = 0;
  /** Whether a container became busy or idle since the groups' busy children were listed. */
  private busyChanged = true;

  constructor(
    private readonly engine: Engine,
    /** Name for results (the node's name). */
    readonly name: string,
    /** Cores of the node. */
    readonly cores: number,
  ) {
    if (!(cores >= MIN_CPU_CORES && Number.isFinite(cores))) {
      throw new RangeError(
        `node ${name}: cpu must be a finite number of cores ≥ ${MIN_CPU_CORES} (1m) (got ${String(cores)})`,
      );
    }
  }

  /**
   * A new container on this node with a CPU limit of `limitCores` (Infinity: none) and the cgroup CPU weight
   * `weight` (≥ 1; {@link cpuWeightOfRequest} gives Kubernetes' weight for a CPU request). Containers of one
   * weight share a busy node equally, whatever the number of their tasks.
   */
  container(name: string, limitCores = Infinity, weight = 1): CpuContainer {
    if (!(limitCores >= MIN_CPU_CORES)) {
      throw new RangeError(
        `container ${name}: cpu limit must be ≥ ${MIN_CPU_CORES} cores (1m) (got ${String(limitCores)})`,
      );
    }
    if (!(weight >= 1 && Number.isFinite(weight))) {
      throw new RangeError(
        `container ${name}: cpu weight must be a finite number ≥ 1 (got ${String(weight)})`,
      );
    }
    const container = new CpuContainer(this, name, limitCores, weight);
    if (weight > this.maxWeight) this.maxWeight = weight;
    if (container.limited) {
      this.limited.push(container);
      if (!this.periodTickArmed) {
        this.periodTickArmed = true;
        this.engine.scheduleAt(
          Math.ceil(this.engine.now / CFS_PERIOD_MS + EPSILON) * CFS_PERIOD_MS,
          onPeriod,
          this,
        );
      }
    }
    return container;
  }

  /**
   * A new cgroup on this node weighing `weight` (≥ 1) among its siblings, in `parent` (null: the node's root).
   * Containers and groups are placed in it with {@link place}; a container placed nowhere is a child of the root.
   */
  group(name: string, weight: number, parent: CpuGroup | null = null): CpuGroup {
    if (!(weight >= 1 && Number.isFinite(weight))) {
      throw new RangeError(`cgroup ${name}: cpu weight must be a finite number ≥ 1 (got ${String(weight)})`);
    }
    const group = new CpuGroup(name, weight);
    if (parent !== null) this.place(group, parent);
    return group;
  }

  /**
   * Places a container or group of this node in `parent` (null: the node's root), before the node runs any
   * task: a busy node first shares its cores between the root's busy children by weight, then each child's share
   * between its own busy children, down to the containers' tasks.
   */
  place(child: CpuGroupChild, parent: CpuGroup | null): void {
    if (this.seq > 0) throw new Error(`node ${this.name}: cgroups are placed before the node runs any task`);
    if (!child.isGroup && child.node !== this) {
      throw new Error(`container ${child.name} is on node ${child.node.name}, not ${this.name}`);
    }
    for (let up = parent; up !== null; up = up.parent) {
      if (up === child)
        throw new Error(`cgroup ${child.name} cannot be placed under itself (${parent?.name})`);
    }
    child.parent = parent;
  }

  /** Mean fraction of the cores busy over `[0, nowMs]`. */
  utilisation(nowMs: number): number {
    this.advance(nowMs);
    return nowMs > 0 ? this.busyCoreMs / (this.cores * nowMs) : 0;
  }

  /** Runnable tasks now (those of throttled containers are not). */
  get runnableTasks(): number {
    return this.runnable;
  }

  /** @internal */
  start(container: CpuContainer, workMs: number, onDone: CpuDone<unknown>, arg: unknown): CpuTask {
    const now = this.engine.now;
    this.advance(now);
    // A task started while its container is throttled starts at the container's frozen clock: it owes only its
    // own work once the container resumes.
    const entry = new TaskEntry(
      container,
      container.virtualMs + (workMs > 0 ? workMs : 0),
      this.seq++,
      onDone,
      arg,
    );
    container.push(entry);
    if (!container.throttled) {
      this.runnable++;
      if (this.runnable > this.maxRunnable) this.maxRunnable = this.runnable;
      this.markBusy(container);
    }
    this.reschedule(now);
    return entry;
  }

  /** @internal */
  cancel(container: CpuContainer, entry: TaskEntry): void {
    const now = this.engine.now;
    this.advance(now);
    container.running--;
    container.dropDoneTops();
    if (!container.throttled) {
      this.runnable--;
      if (container.running === 0) this.unmarkBusy(container);
    }
    void entry;
    this.reschedule(now);
  }

  /** Moves every busy container's clock to `nowMs` at the rates set at the last change. */
  private advance(nowMs: number): void {
    const dt = nowMs - this.lastEventMs;
    if (dt <= 0) return;
    const n = this.runnable;
    if (n > 0) {
      for (const container of this.busy) container.advance(dt);
      this.busyCoreMs += (n < this.cores ? n : this.cores) * dt;
    }
    this.lastEventMs = nowMs;
  }

  /**
   * Sets each busy container's rate per task and returns the node time from now to the next completion or quota
   * exhaustion [ms] (Infinity when none): one core per task while the runnable tasks fit on the cores; else the
   * weighted water-filling of CFS's shares, level by level of the cgroup tree ({@link shareByGroups}).
   * PERF: one pass over the busy containers while they fit: this runs at every task start and end.
   */
  private shareAndNextDelay(): number {
    const contended = this.runnable > this.cores;
    if (contended) this.shareByGroups();
    let min = Infinity;
    for (const container of this.busy) {
      const rate = contended ? container.rate : 1;
      container.rate = rate;
      const finish = (container.topFinishV - container.virtualMs) / rate;
      if (finish < min) min = finish;
      if (container.limited) {
        const exhaust = container.quotaLeft / (container.running * rate);
        if (exhaust < min) min = exhaust;
      }
    }
    return min;
  }

  /**
   * Sets each busy container's rate per task on a contended node: the busy containers are listed in their groups
   * (the node's root without groups) and the groups in theirs, the runnable tasks summed up the groups (each
   * group's demand, in cores), then the cores are shared from the root down, each group's share between its busy
   * children by weight with water-filling ({@link fill}): a child whose weighted share would give its tasks more
   * than a core each gets a core per task, and what is left is shared again among the others by weight.
   * PERF: no allocation; the groups' lists of busy children are scratch, re-listed only when the busy set changes.
   */
  private shareByGroups(): void {
    const root = this.root;
    // PERF: the groups' lists of busy children stand while no container became busy or idle since the last pass.
    if (this.busyChanged) this.registerBusy(root);
    sumDemand(root);
    this.fill(root, this.cores);
  }

  /** Lists each busy container in its group's busy children, and each group with a busy container in its parent's. */
  private registerBusy(root: CpuGroup): void {
    this.busyChanged = false;
    const epoch = ++this.epoch;
    root.epoch = epoch;
    root.childCount = 0;
    for (const container of this.busy) {
      let child: CpuGroupChild = container;
      let parent = container.parent ?? root;
      // Registers the container in its group, and each group first seen in this pass in its own parent. PERF: a
      // group seen before is registered with all its ancestors: the walk stops there (the root is always seen).
      for (;;) {
        if (parent.epoch === epoch) {
          parent.children[parent.childCount++] = child;
          break;
        }
        parent.epoch = epoch;
        parent.childCount = 1;
        parent.children[0] = child;
        child = parent;
        parent = parent.parent ?? root;
      }
    }
  }

  /**
   * Shares `cores` between `group`'s busy children by weight, a child whose weighted share would exceed its demand
   * getting its demand and the rest shared again among the others (water-filling); then each child's share goes
   * down to its own children, and a container's to its tasks (its rate, at most one core each).
   */
  private fill(group: CpuGroup, cores: number): void {
    const children = group.children;
    const count = group.childCount;
    const covered = cores >= group.demand;
    // PERF: a lone busy child (a pod's only busy container, a class's only busy pod) gets the group's share as it is.
    if (count === 1) {
      const child = children[0] as CpuGroupChild;
      child.capped = covered;
      this.give(child, covered ? child.demand : cores);
      return;
    }
    let coresLeft = cores;
    let weightLeft = 0;
    for (let i = 0; i < count; i++) {
      const child = children[i] as CpuGroupChild;
      child.capped = covered;
      weightLeft += child.weight;
    }
    let perWeight = covered ? 0 : coresLeft / weightLeft;
    // Ends: each pass caps at least one more child or changes nothing; the children's demand exceeds the cores, so
    // some child stays uncapped and `weightLeft` stays positive.
    for (let changed = !covered; changed;) {
      changed = false;
      for (let i = 0; i < count; i++) {
        const child = children[i] as CpuGroupChild;
        if (!child.capped && perWeight * child.weight >= child.demand) {
          child.capped = true;
          coresLeft -= child.demand;
          weightLeft -= child.weight;
          changed = true;
        }
      }
      perWeight = weightLeft > 0 ? coresLeft / weightLeft : 0;
    }
    for (let i = 0; i < count; i++) {
      const child = children[i] as CpuGroupChild;
      this.give(child, child.capped ? child.demand : perWeight * child.weight);
    }
  }

  /** Gives `child` its share [cores]: a group shares it on among its children, a container among its tasks. */
  private give(child: CpuGroupChild, share: number): void {
    if (child.isGroup) this.fill(child, share);
    else child.rate = child.capped ? 1 : share / child.running;
  }

  private markBusy(container: CpuContainer): void {
    if (container.busyIndex >= 0) return;
    this.busyChanged = true;
    container.busyIndex = this.busy.length;
    this.busy.push(container);
  }

  private unmarkBusy(container: CpuContainer): void {
    const index = container.busyIndex;
    if (index < 0) return;
    this.busyChanged = true;
    const last = this.busy.pop() as CpuContainer;
    if (last !== container) {
      this.busy[index] = last;
      last.busyIndex = index;
    }
    container.busyIndex = -1;
    container.rate = 0;
  }

  /** Re-shares the cores and re-arms the node's one timer (after the callbacks, while `fire` runs them). */
  private reschedule(nowMs: number): void {
    if (this.firing) return;
    if (this.timer >= 0) {
      this.engine.cancel(this.timer);
      this.timer = -1;
    }
    if (this.runnable === 0) return;
    const delay = this.shareAndNextDelay();
    if (delay === Infinity) return;
    this.timer = this.engine.scheduleAt(nowMs + (delay > 0 ? delay : 0), onNodeEvent, this);
  }

  /** @internal The timer fired: finish the tasks whose work is done, throttle containers out of quota. */
  fire(): void {
    this.timer = -1;
    const now = this.engine.now;
    // PERF: the node's clock moves here, each busy container's in the loop below (one pass, not two).
    const dt = now - this.lastEventMs;
    if (dt > 0) {
      const n = this.runnable;
      this.busyCoreMs += (n < this.cores ? n : this.cores) * dt;
      this.lastEventMs = now;
    }
    // EPSILON, or a few steps of the clock once it is too coarse for that (from about 10⁶ ms on): a container's
    // clock never runs ahead of the node's time, so its rounding is within a few steps of `now`'s.
    const slack = Math.max(EPSILON, now * RELATIVE_SLACK);
    const finished = this.finished;
    let count = 0;
    // Iterate backwards: containers may leave the busy list.
    for (let i = this.busy.length - 1; i >= 0; i--) {
      const container = this.busy[i] as CpuContainer;
      if (dt > 0) container.advance(dt);
      // An empty heap's Infinity never finishes.
      while (container.topFinishV <= container.virtualMs + slack) {
        const top = container.takeTop();
        container.running--;
        this.runnable--;
        finished[count++] = top;
      }
      // Out of quota when what is left would run out within the clock's slack (as a completion is due within
      // it): a smaller remainder than the clock can resolve would re-arm the timer at this very instant forever.
      if (container.limited && container.running > 0 && container.quotaLeft <= slack * container.running) {
        container.throttle(now);
        this.runnable -= container.running;
      }
      if (container.running === 0 || container.throttled) this.unmarkBusy(container);
    }
    // The callbacks start tasks (on this node too): the timer is armed once, for the state they leave.
    this.firing = true;
    try {
      for (let i = 0; i < count; i++) {
        const entry = finished[i] as TaskEntry;
        finished[i] = null;
        entry.onDone(entry.arg);
      }
    } finally {
      this.firing = false;
    }
    this.reschedule(now);
  }

  /** @internal A CFS period ends: quotas refill and throttled containers resume. */
  period(): void {
    const now = this.engine.now;
    this.advance(now);
    for (const container of this.limited) {
      if (container.refill(now) && container.running > 0) {
        this.runnable += container.running;
        if (this.runnable > this.maxRunnable) this.maxRunnable = this.runnable;
        this.markBusy(container);
      }
    }
    this.reschedule(now);
    this.engine.schedule(CFS_PERIOD_MS, onPeriod, this);
  }
}

/**
 * Sets `group.demand`, its busy descendant groups' and their containers' to the runnable tasks under them (in cores)
 * and returns the group's.
 */
function sumDemand(group: CpuGroup): number {
  let demand = 0;
  const children = group.children;
  for (let i = 0; i < group.childCount; i++) {
    const child = children[i] as CpuGroupChild;
    if (child.isGroup) {
      demand += sumDemand(child);
    } else {
      child.demand = child.running;
      demand += child.running;
    }
  }
  group.demand = demand;
  return demand;
}

// PERF: module-level handlers with the node as argument: no closure per timer.
function onNodeEvent(node: NodeCpu): void {
  node.fire();
}
function onPeriod(node: NodeCpu): void {
  node.period();
}
