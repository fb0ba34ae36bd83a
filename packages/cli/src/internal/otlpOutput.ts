// What `--otlp FILE` writes: one OTLP/JSON request with every span, or, for a `.jsonl` file, requests of
// whole traces one per line; a note when the one request is more than a Collector takes by default.

import type { SimulationResult } from '@meshsim/mesh';
import { OTLP_SPANS_PER_REQUEST, renderOtlpTraceRequests, renderOtlpTraces } from '@meshsim/report';

import { CliError } from '../CliError.js';

/** Renders the one request (the report's `renderOtlpTraces`; a parameter for the tests). */
export type OtlpRenderer = (result: SimulationResult, anchor: { startTimeMs: number }) => string;

/**
 * The OpenTelemetry Collector's default limit on one OTLP/HTTP request body [bytes]: `max_request_body_size`,
 * 20 MiB (confighttp README). Jaeger 2 and many backends run on the Collector's receiver.
 */
export const COLLECTOR_REQUEST_LIMIT_BYTES = 20 * 2 ** 20;

/** Whether `path` asks for JSON Lines (one request per line): its name ends with `.jsonl` or `.ndjson`. */
export function isJsonLinesPath(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/**
 * The text `--otlp path` writes. For a `.jsonl`/`.ndjson` path: the run's traces as requests of whole traces,
 * about {@link OTLP_SPANS_PER_REQUEST} spans each, one per line, made as they are written (no size limit).
 * Otherwise one request with every span; when it is larger than {@link COLLECTOR_REQUEST_LIMIT_BYTES},
 * `note` gets a line saying so and naming the `.jsonl` form.
 *
 * @throws {CliError} when the one request would be more text than one JavaScript string holds (about a
 * gigabyte), naming `path`, the spans, and what to lower or use instead.
 */
export function otlpOutput(
  result: SimulationResult,
  anchor: { startTimeMs: number },
  path: string,
  note: (line: string) => void,
  render: OtlpRenderer = renderOtlpTraces,
): string | Iterable<string> {
  if (isJsonLinesPath(path)) return renderOtlpTraceRequests(result, anchor);
  const traces = result.telemetry?.traces;
  const spans = (traces?.spans.length ?? 0).toLocaleString('en-US');
  let text: string;
  try {
    text = render(result, anchor);
  } catch (error) {
    if (!(error instanceof RangeError && /invalid string length/i.test(error.message))) throw error;
    throw new CliError(
      `cannot write '${path}' (--otlp): its ${spans} spans make more text than one ` +
        `OTLP/JSON request can hold; write them as JSON Lines (--otlp ${jsonLinesName(path)}: one request of ` +
        `about ${OTLP_SPANS_PER_REQUEST} spans per line), or lower --trace-sample (${traces?.sampleRate ?? '?'}) ` +
        'or --duration (the other outputs were written)',
    );
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > COLLECTOR_REQUEST_LIMIT_BYTES) {
    note(
      `note: '${path}' is one OTLP request of ${(bytes / 1e6).toFixed(1)} MB (${spans} spans), more than an ` +
        `OpenTelemetry Collector accepts by default (20 MiB); --otlp ${jsonLinesName(path)} writes requests ` +
        `of about ${OTLP_SPANS_PER_REQUEST} spans, one per line`,
    );
  }
  return text;
}

/** `path` with its `.json` ending (if any) replaced by `.jsonl`. */
function jsonLinesName(path: string): string {
  return /\.json$/i.test(path) ? `${path}l` : `${path}.jsonl`;
}

/**
 * When the heap guard stopped a run that was keeping traces, what to lower: the kept spans can be most of the
 * heap (a retry storm's failed requests hold dozens of spans each). Null for any other run.
 */
export function tracesHeapHint(result: SimulationResult): string | null {
  const spans = result.telemetry?.traces?.spans.length ?? 0;
  if (result.stopped?.reason !== 'heap' || spans === 0) return null;
  const tail = result.telemetry?.traces?.tail !== undefined;
  return (
    `meshsim: the run was keeping ${spans.toLocaleString('en-US')} trace spans; ` +
    (tail ? '--trace-keep-share, a lower --trace-sample' : 'a lower --trace-sample') +
    ' or a shorter --duration keeps fewer'
  );
}
