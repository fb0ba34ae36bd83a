// Records sampled traces: for a sampled traffic-source request, a span for every call, attempt, proxy hop
// and server request in its call tree, parent and child across services. Ids are counters (deterministic);
// which requests are sampled comes from the run's `trace-sampling` stream only; with tail rules, every
// request is recorded and its trace kept or forgotten once its spans have ended.

import type { Random } from '@meshsim/engine';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import type {
  TraceAttributeValue,
  TraceData,
  TraceEvent,
  TraceKeepOptions,
  TraceSpan,
  TraceTailSummary,
} from '../config/Telemetry.js';
import type { Attempt } from '../call/Attempt.js';
import type { TappedCall } from '../call/CallTap.js';
import type { SpanRef } from '../call/SpanRef.js';
import type { StationProxy } from '../call/Station.js';
import { destinationResponse, flagsLabel, sourceResponse } from './envoyResponse.js';

/** `n` as 16 lowercase hex digits (a span id, or a trace id's low half). */
function hex16(n: number): string {
  return n.toString(16).padStart(16, '0');
}

/**
 * A span being recorded. PERF: a class with numeric ids, its events array made on first use: with tail
 * rules every request's spans are recorded and most are forgotten, so the id strings and the plain
 * `TraceSpan` are made only for the kept ones, in `result`.
 */
class OpenSpan implements SpanRef {
  endMs: number;
  status: TraceSpan['status'] = 'unset';
  statusMessage = '';
  events: TraceEvent[] | null = null;
  ended = false;

  constructor(
    readonly trace: TraceState,
    /** Its place in the run's start order, from 1; the span id in hex. */
    readonly seq: number,
    readonly parent: OpenSpan | null,
    readonly name: string,
    readonly kind: TraceSpan['kind'],
    readonly service: string,
    readonly startMs: number,
    readonly attributes: Record<string, TraceAttributeValue>,
  ) {
    this.endMs = startMs;
  }

  get spanId(): string {
    return hex16(this.seq);
  }

  addEvent(event: TraceEvent): void {
    if (this.events === null) this.events = [event];
    else this.events.push(event);
  }
}

/** A trace being recorded: kept (head-sampled, or by a tail rule), forgotten, or not decided yet. */
interface TraceState {
  /** Its place in the run's order of traced requests, from 1; the trace id's low half in hex. */
  readonly number: number;
  /** true: its spans are kept; false: forgotten (spans opened later are not stored); null: undecided. */
  kept: boolean | null;
  /** Spans of an undecided trace, in start order; null once decided. */
  buffer: OpenSpan[] | null;
  /** Spans started and not ended. */
  open: number;
  /** Whether a span ended with status error. */
  failed: boolean;
  readonly startMs: number;
  /** Latest end of its spans so far [ms]. */
  endMs: number;
}

/** 64-bit FNV-1a of `text` as 16 hex digits: the high half of this run's trace ids. */
function fnv1a64Hex(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of text) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Traces of one run. */
export class SpanRecorder {
  /** The kept spans; in start order unless `unsorted`. */
  private readonly spans: OpenSpan[] = [];
  /** Set when an undecided trace was kept: its spans were appended after later-started ones. */
  private unsorted = false;
  private spanCount = 0;
  private traces = 0;
  private readonly traceIdPrefix: string;
  /** Undecided traces, oldest first (tail rules only). */
  private readonly pending = new Set<TraceState>();
  private readonly tail: TraceTailSummary | null;

  constructor(
    /** Share of traffic-source requests traced, in [0, 1]. */
    private readonly sampleRate: number,
    /** The `trace-sampling` stream: drawn once per traffic-source request. */
    private readonly sampling: Random,
    /** What makes this run's trace ids differ from another run's (scenario, seed, mesh). */
    runKey: string,
    /** Tail rules (TelemetryOptions.traceKeep), or null for head sampling only. */
    keep: TraceKeepOptions | null = null,
    /** The `trace-tail-sampling` stream, drawn once per trace a rule picks when `keep.share` < 1. */
    private readonly tailSampling: Random | null = null,
  ) {
    this.traceIdPrefix = fnv1a64Hex(runKey);
    this.tail =
      keep === null
        ? null
        : {
            errors: keep.errors === true,
            slowerThanMs: keep.slowerThanMs ?? null,
            share: keep.share ?? 1,
            requests: 0,
            picked: 0,
            keptByHeadSample: 0,
            keptForError: 0,
            keptForDuration: 0,
          };
  }

  /**
   * A traffic-source request starts a trace if the head sample takes it (or, with tail rules, always:
   * undecided); a call made under a traced request joins its trace.
   */
  callStarted(call: TappedCall, nowMs: number): SpanRef | null {
    const parent = call.parentSpan as OpenSpan | null;
    let trace: TraceState;
    if (parent !== null) trace = parent.trace;
    else if (call.caller.service === null) {
      const sampled = this.sampling() < this.sampleRate;
      const tail = this.tail;
      if (!sampled && tail === null) return null;
      this.traces++;
      trace = {
        number: this.traces,
        kept: sampled ? true : null,
        buffer: sampled ? null : [],
        open: 0,
        failed: false,
        startMs: nowMs,
        endMs: nowMs,
      };
      if (tail !== null) {
        tail.requests++;
        if (sampled) tail.keptByHeadSample++;
        else this.pending.add(trace);
      }
    } else return null;
    return this.open(trace, parent, `call ${call.destination}`, 'internal', call.caller.name, nowMs, {
      'meshsim.source': call.caller.name,
      'meshsim.destination': call.destination,
    });
  }

  attemptStarted(call: TappedCall, callSpan: SpanRef, attempt: Attempt, nowMs: number): SpanRef {
    const parent = callSpan as OpenSpan;
    return this.open(parent.trace, parent, `attempt ${call.destination}`, 'client', call.caller.name, nowMs, {
      'server.address': call.destination,
      'http.request.resend_count': call.attemptCount - 1,
      'meshsim.instance': attempt.instance.name,
      'meshsim.version': attempt.instance.version,
    });
  }

  attemptEnded(attempt: Attempt, result: AttemptResult | 'timeout', nowMs: number): void {
    const span = attempt.span as OpenSpan | null;
    if (span === null || span.ended) return;
    if (result === 'per-try-timeout' || result === 'timeout') {
      span.addEvent({ name: 'timeout', atMs: nowMs, attributes: { 'meshsim.timeout': result } });
    }
    this.close(span, result === 'ok' ? null : result, nowMs);
  }

  retryScheduled(callSpan: SpanRef, after: AttemptResult, backoffMs: number, nowMs: number): void {
    (callSpan as OpenSpan).addEvent({
      name: 'retry',
      atMs: nowMs,
      attributes: { 'meshsim.retry.after': after, 'meshsim.retry.backoff_ms': backoffMs },
    });
  }

  callEnded(call: TappedCall, cause: FailureCause | null, nowMs: number): void {
    const span = call.span as OpenSpan | null;
    if (span === null) return;
    const response = sourceResponse(cause, call.responseFlags);
    span.attributes['meshsim.attempts'] = call.attemptCount;
    span.attributes['http.response.status_code'] = response.code;
    span.attributes['meshsim.response_flags'] = flagsLabel(response);
    if (cause === 'timeout')
      span.addEvent({ name: 'timeout', atMs: nowMs, attributes: { 'meshsim.timeout': 'timeout' } });
    this.close(span, cause, nowMs);
  }

  arrived(attempt: Attempt, nowMs: number): void {
    const parent = attempt.span as OpenSpan | null;
    if (parent === null) return;
    const instance = attempt.instance;
    attempt.serverSpan = this.open(
      parent.trace,
      parent,
      `serve ${instance.service.name}`,
      'server',
      instance.service.name,
      nowMs,
      {
        'meshsim.instance': instance.name,
        'meshsim.version': instance.version,
      },
    );
  }

  responseSent(attempt: Attempt, result: AttemptResult, nowMs: number): void {
    const span = attempt.serverSpan as OpenSpan | null;
    if (span === null || span.ended) return;
    const response = destinationResponse(result, attempt.abandoned);
    span.attributes['http.response.status_code'] = response.code;
    span.attributes['meshsim.response_flags'] = flagsLabel(response);
    if (attempt.abandoned) span.addEvent({ name: 'caller gone', atMs: nowMs, attributes: {} });
    this.close(span, result === 'ok' ? null : result, nowMs);
  }

  hopEntered(attempt: Attempt, proxy: StationProxy, direction: 1 | -1, nowMs: number): SpanRef {
    const parent = attempt.span as OpenSpan;
    const kind = proxy.kind ?? 'proxy';
    const name = proxy.name ?? kind;
    return this.open(
      parent.trace,
      parent,
      `${kind} ${direction === 1 ? 'request' : 'response'}`,
      'internal',
      proxy.service ?? name,
      nowMs,
      {
        'meshsim.proxy': name,
        'meshsim.proxy.kind': kind,
      },
    );
  }

  hopLeft(hop: SpanRef, nowMs: number): void {
    const span = hop as OpenSpan;
    if (!span.ended) this.close(span, null, nowMs);
  }

  /**
   * The spans kept, in start order; spans still open end at `endMs` with attribute `meshsim.unfinished`.
   * Undecided traces are decided now, as if their open spans ended at `endMs`.
   */
  result(endMs: number): TraceData {
    for (const trace of this.pending) {
      if (trace.open > 0 && endMs > trace.endMs) trace.endMs = endMs;
      this.decide(trace);
    }
    if (this.unsorted) this.spans.sort((a, b) => a.seq - b.seq);
    const spans: TraceSpan[] = this.spans.map((open) => {
      const span: TraceSpan = {
        traceId: this.traceIdPrefix + hex16(open.trace.number),
        spanId: hex16(open.seq),
        parentSpanId: open.parent === null ? null : hex16(open.parent.seq),
        name: open.name,
        kind: open.kind,
        service: open.service,
        startMs: open.startMs,
        endMs: open.endMs,
        status: open.status,
        statusMessage: open.statusMessage,
        attributes: open.attributes,
        events: open.events ?? [],
      };
      if (open.ended) return span;
      return { ...span, endMs, attributes: { ...span.attributes, 'meshsim.unfinished': true } };
    });
    return { sampleRate: this.sampleRate, spans, ...(this.tail !== null && { tail: { ...this.tail } }) };
  }

  private open(
    trace: TraceState,
    parent: OpenSpan | null,
    name: string,
    kind: TraceSpan['kind'],
    service: string,
    nowMs: number,
    attributes: Record<string, TraceAttributeValue>,
  ): OpenSpan {
    const span = new OpenSpan(trace, ++this.spanCount, parent, name, kind, service, nowMs, attributes);
    trace.open++;
    if (trace.kept === true) this.spans.push(span);
    else if (trace.buffer !== null) trace.buffer.push(span);
    return span;
  }

  private close(span: OpenSpan, failure: string | null, nowMs: number): void {
    span.ended = true;
    span.endMs = nowMs;
    if (failure !== null) {
      span.status = 'error';
      span.statusMessage = failure;
    }
    const trace = span.trace;
    trace.open--;
    if (failure !== null) trace.failed = true;
    if (nowMs > trace.endMs) trace.endMs = nowMs;
    if (trace.open === 0 && trace.kept === null) this.decide(trace);
  }

  /**
   * Keeps an undecided trace if a tail rule picks it and the share's draw lets it through (its spans join the
   * kept ones), else forgets it.
   */
  private decide(trace: TraceState): void {
    const tail = this.tail as TraceTailSummary;
    const forError = tail.errors && trace.failed;
    const picked =
      forError || (tail.slowerThanMs !== null && trace.endMs - trace.startMs > tail.slowerThanMs);
    if (picked) tail.picked++;
    const kept = picked && (tail.share >= 1 || (this.tailSampling as Random)() < tail.share);
    if (kept) {
      if (forError) tail.keptForError++;
      else tail.keptForDuration++;
      for (const span of trace.buffer as OpenSpan[]) this.spans.push(span);
      this.unsorted = true;
    }
    trace.kept = kept;
    trace.buffer = null;
    this.pending.delete(trace);
  }
}
