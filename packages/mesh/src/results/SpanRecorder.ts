// Records sampled traces: for a sampled traffic-source request, a span for every call, attempt, proxy hop
// and server request in its call tree, parent and child across services. Ids are counters (deterministic);
// which requests are sampled comes from the run's `trace-sampling` stream only.

import type { Random } from '@meshsim/engine';
import type { AttemptResult } from '../config/AttemptResult.js';
import type { FailureCause } from '../config/SimulationResult.js';
import type { TraceAttributeValue, TraceData, TraceSpan } from '../config/Telemetry.js';
import type { Attempt } from '../call/Attempt.js';
import type { TappedCall } from '../call/CallTap.js';
import type { SpanRef } from '../call/SpanRef.js';
import type { StationProxy } from '../call/Station.js';
import { destinationResponse, flagsLabel, sourceResponse } from './envoyResponse.js';

/** A span being recorded: the plain span plus whether it has ended. */
interface OpenSpan extends TraceSpan {
  ended: boolean;
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
  private readonly spans: OpenSpan[] = [];
  private traces = 0;
  private readonly traceIdPrefix: string;

  constructor(
    /** Share of traffic-source requests traced, in [0, 1]. */
    private readonly sampleRate: number,
    /** The `trace-sampling` stream: drawn once per traffic-source request. */
    private readonly sampling: Random,
    /** What makes this run's trace ids differ from another run's (scenario, seed, mesh). */
    runKey: string,
  ) {
    this.traceIdPrefix = fnv1a64Hex(runKey);
  }

  /** A traffic-source request is sampled, or a call made under a traced request inherits its trace. */
  callStarted(call: TappedCall, nowMs: number): SpanRef | null {
    const parent = call.parentSpan as OpenSpan | null;
    let traceId: string;
    if (parent !== null) traceId = parent.traceId;
    else if (call.caller.service === null && this.sampling() < this.sampleRate) {
      this.traces++;
      traceId = this.traceIdPrefix + this.traces.toString(16).padStart(16, '0');
    } else return null;
    return this.open(traceId, parent, `call ${call.destination}`, 'internal', call.caller.name, nowMs, {
      'meshsim.source': call.caller.name,
      'meshsim.destination': call.destination,
    });
  }

  attemptStarted(call: TappedCall, callSpan: SpanRef, attempt: Attempt, nowMs: number): SpanRef {
    const parent = callSpan as OpenSpan;
    return this.open(
      parent.traceId,
      parent,
      `attempt ${call.destination}`,
      'client',
      call.caller.name,
      nowMs,
      {
        'server.address': call.destination,
        'http.request.resend_count': call.attemptCount - 1,
        'meshsim.instance': attempt.instance.name,
        'meshsim.version': attempt.instance.version,
      },
    );
  }

  attemptEnded(attempt: Attempt, result: AttemptResult | 'timeout', nowMs: number): void {
    const span = attempt.span as OpenSpan | null;
    if (span === null || span.ended) return;
    if (result === 'per-try-timeout' || result === 'timeout') {
      span.events.push({ name: 'timeout', atMs: nowMs, attributes: { 'meshsim.timeout': result } });
    }
    this.close(span, result === 'ok' ? null : result, nowMs);
  }

  retryScheduled(callSpan: SpanRef, after: AttemptResult, backoffMs: number, nowMs: number): void {
    (callSpan as OpenSpan).events.push({
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
      span.events.push({ name: 'timeout', atMs: nowMs, attributes: { 'meshsim.timeout': 'timeout' } });
    this.close(span, cause, nowMs);
  }

  arrived(attempt: Attempt, nowMs: number): void {
    const parent = attempt.span as OpenSpan | null;
    if (parent === null) return;
    const instance = attempt.instance;
    attempt.serverSpan = this.open(
      parent.traceId,
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
    if (attempt.abandoned) span.events.push({ name: 'caller gone', atMs: nowMs, attributes: {} });
    this.close(span, result === 'ok' ? null : result, nowMs);
  }

  hopEntered(attempt: Attempt, proxy: StationProxy, direction: 1 | -1, nowMs: number): SpanRef {
    const parent = attempt.span as OpenSpan;
    const kind = proxy.kind ?? 'proxy';
    const name = proxy.name ?? kind;
    return this.open(
      parent.traceId,
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

  /** The spans recorded; spans still open end at `endMs` with attribute `meshsim.unfinished`. */
  result(endMs: number): TraceData {
    const spans: TraceSpan[] = this.spans.map(({ ended, ...span }) => {
      if (ended) return span;
      return { ...span, endMs, attributes: { ...span.attributes, 'meshsim.unfinished': true } };
    });
    return { sampleRate: this.sampleRate, spans };
  }

  private open(
    traceId: string,
    parent: OpenSpan | null,
    name: string,
    kind: TraceSpan['kind'],
    service: string,
    nowMs: number,
    attributes: Record<string, TraceAttributeValue>,
  ): OpenSpan {
    const span: OpenSpan = {
      traceId,
      spanId: (this.spans.length + 1).toString(16).padStart(16, '0'),
      parentSpanId: parent?.spanId ?? null,
      name,
      kind,
      service,
      startMs: nowMs,
      endMs: nowMs,
      status: 'unset',
      statusMessage: '',
      attributes,
      events: [],
      ended: false,
    };
    this.spans.push(span);
    return span;
  }

  private close(span: OpenSpan, failure: string | null, nowMs: number): void {
    span.ended = true;
    span.endMs = nowMs;
    if (failure !== null) {
      span.status = 'error';
      span.statusMessage = failure;
    }
  }
}
