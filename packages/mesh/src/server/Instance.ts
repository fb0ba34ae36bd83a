// One instance (pod) of a service: a worker pool, a bounded FIFO/LIFO queue (full ⇒ 503), service
// time, then the call plan. A worker stays busy while its request waits on downstream calls.

import type { Engine, Random } from '@meshsim/engine';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { DependencyFailureAnswer, FaultEffect, ServiceConfig } from '../config/SimulationConfig.js';
import type { FailureCause, PodEventKind } from '../config/SimulationResult.js';
import type { CpuContainer } from '../cpu/NodeCpu.js';
import type { ConnectionEnd } from './ConnectionEnd.js';
import { APP_TLS_HANDSHAKE_CPU_MS } from '../config/defaults.js';
import type { ServiceStats } from '../ports/ServiceStats.js';
import type { CallerRef } from '../topology/CallerRef.js';
import type { Node } from '../topology/Topology.js';
import { clampNonNegative } from '../topology/Network.js';
import { ActiveRequests } from './ActiveRequests.js';
import { Deque } from './Deque.js';
import { FreeList } from '../ports/FreeList.js';
import type { DownstreamCall } from './DownstreamCall.js';
import type { InboundRequest } from './InboundRequest.js';
import type { PodEventLog } from './PodEventLog.js';
import type { Responder } from './Responder.js';
import { ServerRequest } from './ServerRequest.js';
import type { RequestHost } from './ServerRequest.js';
import type { ServiceVersion, ServiceVersions } from './ServiceVersions.js';

/** A service's inbound protections as its instances use them (server/protection/InboundProtection.ts). */
export interface InboundGate {
  /** Whether a request arriving at `instance` may enter; if not, it has been answered or dropped. */
  admit(instance: Instance, request: InboundRequest, nowMs: number): boolean;
  /** The next waiting request `instance` should serve (dropping some on the way), or undefined. */
  next(instance: Instance, nowMs: number): ServerRequest | undefined;
}

/** What an instance uses of its service (ServiceRuntime implements it). */
export interface InstanceService {
  readonly name: string;
  readonly config: ServiceConfig;
  readonly stats: ServiceStats;
  readonly versions: ServiceVersions;
  readonly errorRandom: Random;
  readonly callRandom: Random;
  /** `downstream[stage][i]` starts `config.calls[stage][i]`. */
  readonly downstream: readonly (readonly DownstreamCall[])[];
  /** Inbound protections, or null when none apply. */
  readonly protection: InboundGate | null;
  /** Samples the added latency of a latency fault [ms]. */
  faultLatency(fault: FaultEffect): number;
  /** Recomputes the endpoints callers see from the instances that are up. */
  refreshEndpoints(): void;
  /** Recomputes the endpoints a managed hop (Lattice) routes to from the instances that answer its health checks. */
  refreshManagedEndpoints(): void;
}

/** How an instance reaches the rest of the run: the clock, the way back to callers, its node's CPU. */
export interface InstancePorts {
  readonly engine: Engine;
  readonly responder: Responder;
  /** The application container of the instance on its node's CPU, or null when CPU is not modelled. */
  readonly cpu: (instance: Instance) => CpuContainer | null;
  /** Where it records that it crashed, started again, became Ready or NotReady. */
  readonly podEvents: PodEventLog;
}

/** A running instance of a service. */
export class Instance implements RequestHost, ConnectionEnd {
  /** False while crashed. */
  up = true;
  /** Times its application crashed on a node that stayed up: each closed its connections (`ConnectionEnd`). */
  crashes = 0;
  /**
   * Whether Kubernetes counts the pod Ready: what its service's endpoints are built from (callers see a change
   * after the endpoint update delay). False from a crash of its application or of its sidecar (the kubelet sees a
   * container die; a pod is Ready only when all its containers are); a pod on a node
   * that is off stays Ready, though down, until the node controller marks it NotReady. Each change is a pod event.
   */
  get ready(): boolean {
    return this.isReady;
  }

  set ready(ready: boolean) {
    if (ready === this.isReady) return;
    this.isReady = ready;
    this.podEvent(ready ? 'ready' : 'notReady');
  }

  private isReady = true;
  /**
   * Whether its application container's readiness probe counts it ready (`ServiceConfig.readinessProbe`): always true
   * without a probe (Kubernetes' default state is Success); with one, false from each start of the container until
   * the probe has passed (the state before the initial delay is Failure), and after it failed `failureThreshold` times
   * in a row. The pod is Ready only when this holds too.
   */
  probeReady = true;
  /** When its application container last started [ms]: -Infinity for one running since before the run. */
  startedMs = -Infinity;
  /** Faults active on this instance now. */
  readonly faults: FaultEffect[] = [];
  /**
   * The sidecar in front of the application (set by the data plane of an Envoy or Linkerd sidecar mesh), or null.
   * While it is up and the application is down, the sidecar answers for it ({@link inboundDownAnswer}) where the
   * application alone would refuse or reset the caller's connection (docs/model.md#endpoints-and-faults).
   */
  inboundProxy: { readonly up: boolean } | null = null;
  /** What {@link inboundProxy} answers for a down application: Envoy's 503 (`UF`/`UC`), linkerd2-proxy's 502. */
  inboundDownAnswer: 'service-unavailable' | 'bad-gateway' = 'service-unavailable';
  /** This instance as a caller of its downstream services. */
  readonly caller: CallerRef;
  /** Name of the version (subset) it runs; versions take instances in placement order. */
  readonly version: string;
  /** @internal Its version's sampler, error rate and counters. */
  readonly versionRuntime: ServiceVersion;
  private busy = 0;
  /** What this instance answers when a dependency failed (a fixed status), or null for passthrough. */
  private readonly fixedDependencyAnswer: AttemptResult | null;
  private readonly waiting = new Deque<ServerRequest>();
  /** Queued and running requests, in arrival order (what a crash resets). */
  private readonly active = new ActiveRequests<ServerRequest>();
  /** Requests this instance finished, for the next ones. */
  private readonly freeRequests = new FreeList<ServerRequest>();

  private readonly engine: Engine;
  private readonly responder: Responder;
  private readonly podEvents: PodEventLog;
  /** The application container on the node's CPU, or null when CPU is not modelled. */
  readonly cpu: CpuContainer | null;
  /** Share of the service time that is CPU work. */
  private readonly cpuShare: number;
  /** CPU work handed to {@link cpu} so far [ms of one core] (counted in its service's `cpuMs` when handed over). */
  private cpuMsGiven = 0;

  constructor(
    ports: InstancePorts,
    readonly service: InstanceService,
    /** Index among the service's instances (placement order). */
    readonly index: number,
    /** Index among all instances of the simulation. */
    readonly id: number,
    readonly node: Node,
    callerKey: number,
  ) {
    this.engine = ports.engine;
    this.responder = ports.responder;
    this.podEvents = ports.podEvents;
    this.caller = { name: service.name, key: callerKey, node, instanceId: id, service: service.name };
    this.versionRuntime = service.versions.forInstance(index);
    this.fixedDependencyAnswer = fixedAnswer(service.config.onDependencyFailure);
    this.cpuShare = service.config.serviceTimeCpuShare ?? 1;
    this.cpu = ports.cpu(this);
    this.version = this.versionRuntime.name;
  }

  get name(): string {
    return `${this.service.name}-${this.index + 1}`;
  }

  /** CPU of the application's side of a TLS handshake, when it does TLS itself [ms of one core]. */
  get tlsHandshakeCpuMs(): number {
    return APP_TLS_HANDSHAKE_CPU_MS;
  }

  /** A TLS handshake done by the application counts as its service's CPU. */
  chargeHandshake(cpuMs: number): void {
    this.service.stats.cpuMs += cpuMs;
    if (this.cpu !== null) this.cpuMsGiven += cpuMs;
  }

  /**
   * CPU work counted for this instance (in its service's `cpuMs`) but not done by `nowMs` [ms of one core]: on a
   * node's CPU, work still queued or running at the end of the run. 0 when CPU is not modelled (a request's work is
   * counted when it starts).
   */
  cpuMsUndoneAt(nowMs: number): number {
    if (this.cpu === null) return 0;
    const undone = this.cpuMsGiven - this.cpu.cpuMsAt(nowMs);
    return undone > 0 ? undone : 0;
  }

  /** A request reached the instance (after the inbound route). */
  arrive(attempt: InboundRequest): void {
    const stats = this.service.stats;
    if (!this.up) {
      // On a node that is off, nothing answers: the request is lost and its caller waits for its timeouts. Otherwise
      // the connection to the application is refused: the caller's, or its sidecar's, which answers 503 for it.
      if (!this.node.unreachable) this.responder.sendResponse(attempt, this.downAnswer('connect-failure'));
      return;
    }
    stats.arrived++;
    this.versionRuntime.arrived++;
    const protection = this.service.protection;
    if (protection !== null && !protection.admit(this, attempt, this.engine.now)) return;
    // PERF: a request this instance finished, made new, when one is free: no allocation per request.
    let request = this.freeRequests.take();
    if (request === undefined) request = new ServerRequest(attempt, this, this.engine.now);
    else request.reuse(attempt, this, this.engine.now);
    attempt.serverRequest = request;
    if (this.busy < this.service.config.concurrency) {
      this.begin(request);
    } else if (this.waiting.length < this.service.config.queueCapacity) {
      this.waiting.push(request);
      this.active.add(request);
      stats.queueLength++;
      if (this.waiting.length > stats.maxQueueLength) stats.maxQueueLength = this.waiting.length;
    } else {
      stats.rejected++;
      stats.intervalRejected++;
      this.versionRuntime.rejected++;
      this.responder.sendResponse(attempt, 'rejected');
    }
  }

  /**
   * Crashes the instance's application: every queued or running request is reset (answered 503 by an Envoy sidecar
   * still up in front of it, 502 by a Linkerd one: {@link inboundProxy}).
   */
  crash(): void {
    if (this.up) this.crashes++;
    this.stop(true);
  }

  /**
   * The instance's node is powered off (or cut off): it stops, and every queued or running request is lost
   * without an answer (no reset reaches the caller). It stays Ready until the node controller says otherwise.
   */
  powerOff(): void {
    this.stop(false);
  }

  /**
   * What a caller gets from this instance while its application is down: `direct` (a refused or reset connection)
   * from the application itself; from a sidecar still up in front of it, that sidecar's answer to its own connection
   * error: an Envoy's 503 for an upstream connect failure or reset before headers (`UF`/`UC`, Envoy router
   * `onUpstreamReset`, docs/sources.md#envoy-upstream-reset-503), linkerd2-proxy's 502 (docs/sources.md#linkerd-502).
   */
  private downAnswer(direct: 'connect-failure' | 'reset'): AttemptResult {
    return this.inboundProxy !== null && this.inboundProxy.up ? this.inboundDownAnswer : direct;
  }

  private stop(reset: boolean): void {
    if (!this.up) return;
    this.up = false;
    this.podEvent('crashed');
    if (reset) this.ready = false;
    const stats = this.service.stats;
    const now = this.engine.now;
    stats.changeBusy(now, -this.busy);
    this.busy = 0;
    stats.queueLength -= this.waiting.length;
    this.waiting.drain();
    const answer = this.downAnswer('reset');
    // Oldest first, as the requests arrived; each leaves the list as it is reset (or lost).
    for (let request = this.active.shift(); request !== null; request = this.active.shift()) {
      request.dead = true;
      request.cpuTask?.cancel();
      request.cancelAppRetries();
      this.takeBackUnusedCpu(request, now);
      if (reset) this.responder.sendResponse(request.attempt, answer);
    }
  }

  /** True while its application is down on a node that is up: its node's kernel refuses connections to it (RST). */
  get refusesConnections(): boolean {
    return !this.up && !this.node.unreachable;
  }

  /**
   * Restarts a crashed instance with empty queues; it is Ready again, unless its sidecar is still down or its
   * readiness probe has yet to pass.
   */
  restart(): void {
    if (!this.up) this.podEvent('started');
    this.up = true;
    this.startedMs = this.engine.now;
    this.probeReady = this.service.config.readinessProbe == null;
    this.ready = this.probeReady && this.sidecarUp;
  }

  /** Its readiness probe's verdict changed: the pod is Ready when the verdict is, its application up and its sidecar too. */
  setProbeReady(ready: boolean): void {
    this.probeReady = ready;
    this.ready = ready && this.up && this.sidecarUp;
  }

  private podEvent(kind: PodEventKind): void {
    this.podEvents.record(this.engine.now, this.service.name, this.name, kind);
  }

  private get sidecarUp(): boolean {
    return this.inboundProxy === null || this.inboundProxy.up;
  }

  /**
   * True while a request arriving now would be turned away (503): every worker busy and the queue full. What its
   * readiness probe, an HTTP GET answered by the same workers, fails on (docs/model.md#readiness-probes).
   */
  get turnsAway(): boolean {
    return (
      this.busy >= this.service.config.concurrency && this.waiting.length >= this.service.config.queueCapacity
    );
  }

  /** @internal The current stage's downstream calls have all finished. */
  stageDone(request: ServerRequest): void {
    if (request.dependencyFailed) {
      this.finish(request, this.fixedDependencyAnswer ?? passthroughAnswer(request.dependencyFailure));
    } else {
      this.runStage(request, request.stage + 1);
    }
  }

  private begin(request: ServerRequest): void {
    request.inService = true;
    this.busy++;
    this.active.add(request);
    this.service.stats.changeBusy(this.engine.now, 1);
    const workMs = this.serviceTimeMs();
    const waitMs = this.faults.length > 0 ? this.faultWaitMs() : 0;
    const cpuMs = workMs * this.cpuShare;
    this.service.stats.cpuMs += cpuMs;
    if (this.cpu === null) {
      request.cpuWorkMs = cpuMs;
      request.cpuWorkStartMs = this.engine.now;
      this.engine.schedule(workMs + waitMs, onServiceDone, request);
    } else {
      // The CPU work runs on the node (shared, within the container's limit); the rest is waiting.
      request.offCpuMs = workMs - cpuMs + waitMs;
      this.cpuMsGiven += cpuMs;
      request.cpuTask = this.cpu.run(cpuMs, onCpuWorkDone, request);
    }
  }

  /** @internal The CPU part of the service time is done (CPU modelled): wait the rest, then finish. */
  cpuWorkDone(request: ServerRequest): void {
    request.cpuTask = null;
    if (request.offCpuMs > 0) this.engine.schedule(request.offCpuMs, onServiceDone, request);
    else this.serviceDone(request);
  }

  /** @internal Own processing finished: fail by error rate, else run the call plan. */
  serviceDone(request: ServerRequest): void {
    if (request.dead) return;
    const errorRate = this.errorRate();
    if (errorRate > 0 && this.service.errorRandom() < errorRate) {
      this.finish(request, 'error');
      return;
    }
    this.runStage(request, 0);
  }

  private runStage(request: ServerRequest, first: number): void {
    const plan = this.service.config.calls;
    const service = this.service;
    for (let stage = first; stage < plan.length; stage++) {
      const calls = plan[stage] as (typeof plan)[number];
      // PERF: the common stage — one call, always made — needs no list of chosen calls.
      const only = calls[0] as (typeof calls)[number];
      if (calls.length === 1 && only.probability >= 1 && only.forClasses === undefined) {
        request.stage = stage;
        request.outstanding = 1;
        this.startCall(request, stage, 0);
        return;
      }
      // Decide every call of the stage before starting any, so a call that ends synchronously
      // cannot complete the stage early.
      const chosen: number[] = [];
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i] as (typeof calls)[number];
        if (call.forClasses !== undefined && !madeFor(call.forClasses, request.attempt.requestClass))
          continue;
        const probability = call.probability;
        if (probability >= 1 || (probability > 0 && service.callRandom() < probability)) chosen.push(i);
      }
      if (chosen.length === 0) continue;
      request.stage = stage;
      request.outstanding = chosen.length;
      for (const i of chosen) this.startCall(request, stage, i);
      return;
    }
    this.finish(request, 'ok');
  }

  private startCall(request: ServerRequest, stage: number, index: number): void {
    const downstream = this.service.downstream[stage]?.[index];
    if (downstream === undefined) throw new Error(`Instance: no downstream at stage ${stage}, call ${index}`);
    downstream.start(request, this.caller);
  }

  private finish(request: ServerRequest, result: AttemptResult): void {
    const stats = this.service.stats;
    const now = this.engine.now;
    this.active.delete(request);
    stats.completed++;
    stats.intervalCompleted++;
    if (result !== 'ok') stats.errors++;
    this.versionRuntime.completed++;
    if (result !== 'ok') this.versionRuntime.errors++;
    if (request.attempt.abandoned) stats.wasted++;
    stats.latency.record(now - request.arrivedMs);
    this.releaseWorker(now);
    const attempt = request.attempt;
    // Its caller may still give up on the attempt (a timer due before the response is back): nothing to
    // cancel any more, as for a finished request before.
    attempt.serverRequest = null;
    this.responder.sendResponse(attempt, result);
    // Done: it left the active list and its calls have all ended (the last one ended its stage), each
    // letting go of it, so nothing refers to it. The guard keeps it should a call it kept still run.
    if (!request.trackedCalls) this.freeRequests.put(request);
  }

  /** Frees a worker at `nowMs` and hands it the next waiting request (the protection may drop some first). */
  private releaseWorker(nowMs: number): void {
    const protection = this.service.protection;
    const next = protection === null ? this.takeWaiting() : protection.next(this, nowMs);
    this.busy--;
    this.service.stats.changeBusy(nowMs, -1);
    if (next !== undefined) this.begin(next);
  }

  /** Requests waiting in this instance's queue now. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** @internal Removes the next waiting request in queue order (FIFO or LIFO) without serving it. */
  takeWaiting(): ServerRequest | undefined {
    const next = this.service.config.queueDiscipline === 'fifo' ? this.waiting.shift() : this.waiting.pop();
    if (next !== undefined) this.service.stats.queueLength--;
    return next;
  }

  /** @internal Answers a request taken from the queue without serving it (shed or past its deadline). */
  dropQueued(request: ServerRequest, result: AttemptResult): void {
    request.dead = true;
    this.active.delete(request);
    this.responder.sendResponse(request.attempt, result);
  }

  /**
   * @internal The request's caller gave up (deadline propagation): a queued request leaves the
   * queue; a running one has its downstream calls cancelled and frees its worker. Nothing is
   * answered. No-op for a request already finished, dropped or reset.
   */
  cancel(request: ServerRequest): void {
    if (request.dead || !request.listed) return;
    request.dead = true;
    this.active.delete(request);
    const stats = this.service.stats;
    stats.cancelled++;
    if (!request.inService) {
      if (this.waiting.remove(request)) stats.queueLength--;
      return;
    }
    request.cpuTask?.cancel();
    this.takeBackUnusedCpu(request, this.engine.now);
    request.cancelCalls();
    this.releaseWorker(this.engine.now);
  }

  /**
   * A request stopped at `nowMs` (cancelled or reset) counts only the CPU it used. CPU not modelled: its CPU work
   * is taken as the start of its service time, as on a node's CPU (CPU work, then the rest), so it used
   * min(time in service, its CPU work); the rest, counted when it started, is taken back. On a node's CPU the
   * cancelled task stops and its undone work is left out at the end (`cpuMsUndoneAt`).
   */
  private takeBackUnusedCpu(request: ServerRequest, nowMs: number): void {
    const cpuMs = request.cpuWorkMs;
    if (cpuMs <= 0) return;
    request.cpuWorkMs = 0;
    const unused = cpuMs - (nowMs - request.cpuWorkStartMs);
    if (unused > 0) this.service.stats.cpuMs -= unused;
  }

  /** A request's own processing time [ms]: a sample, multiplied by active latency faults. */
  private serviceTimeMs(): number {
    let timeMs = this.versionRuntime.serviceTime();
    if (this.faults.length > 0) {
      for (const fault of this.faults) if (fault.kind === 'latency') timeMs *= fault.multiply;
    }
    return clampNonNegative(timeMs);
  }

  /**
   * Latency the active faults add to a request [ms]: waiting (a slow disk or dependency), not CPU work,
   * so it holds the worker but not a core when node CPU is modelled.
   */
  private faultWaitMs(): number {
    let waitMs = 0;
    for (const fault of this.faults) {
      if (fault.kind === 'latency' && fault.addMs !== null) waitMs += this.service.faultLatency(fault);
    }
    return clampNonNegative(waitMs);
  }

  private errorRate(): number {
    let rate = this.versionRuntime.errorRate;
    for (const fault of this.faults) if (fault.kind === 'error' && fault.rate > rate) rate = fault.rate;
    return rate;
  }
}

/** The result a fixed status answers, or null for passthrough (default: 500, as before the option existed). */
function fixedAnswer(answer: DependencyFailureAnswer | undefined): AttemptResult | null {
  if (answer === undefined) return 'error';
  if (answer.kind === 'passthrough') return null;
  switch (answer.status) {
    case 500:
      return 'error';
    case 502:
      return 'bad-gateway';
    case 503:
      return 'service-unavailable';
    case 504:
      return 'gateway-timeout';
  }
}

/**
 * What a service passing a dependency's failure through answers: the same status class — 503 for an
 * overload, a full breaker or no endpoint, 504 for a timeout, 502 for a refused or reset connection,
 * 429 and 403 as they came, 500 otherwise.
 */
function passthroughAnswer(cause: FailureCause | null): AttemptResult {
  switch (cause) {
    case 'rejected':
    case 'no-endpoints':
    case 'breaker-open':
    case 'service-unavailable':
      return 'service-unavailable';
    case 'timeout':
    case 'per-try-timeout':
    case 'deadline-exceeded':
    case 'gateway-timeout':
      return 'gateway-timeout';
    case 'connect-failure':
    case 'reset':
    case 'bad-gateway':
      return 'bad-gateway';
    case 'rate-limited':
      return 'rate-limited';
    case 'denied':
      return 'denied';
    default:
      return 'error';
  }
}

function onCpuWorkDone(request: ServerRequest): void {
  request.instance.cpuWorkDone(request);
}

function onServiceDone(request: ServerRequest): void {
  request.instance.serviceDone(request);
}

/** Whether a call limited to `classes` is made for a request of class `requestClass` (null: none). */
function madeFor(classes: readonly string[], requestClass: string | null): boolean {
  return requestClass !== null && classes.includes(requestClass);
}
