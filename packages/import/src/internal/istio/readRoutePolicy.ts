// The per-call policies of an Istio HTTP route (istio/api networking/v1alpha3/virtual_service.proto):
// `timeout`, `retries`, `fault` and `mirror`/`mirrors`, in scenario terms. Istio's `retries.attempts`
// counts retries; meshsim's `attempts` counts tries, so it is one more.

import { RETRY_RULES, findRuleRow } from '@meshsim/mesh';

import type { ScenarioFaultInjection, ScenarioMirror, ScenarioRetry } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { FieldPath } from '../source/fieldPath.js';
import { fitToRuleMax } from '../source/fitToRule.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { readIstioDuration } from './readIstioDuration.js';
import { readIstioNumber } from './readIstioNumber.js';
import type { IstioNumberRule } from './readIstioNumber.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import { isRecord } from '../isRecord.js';
import { ISTIO_MESSAGES } from './istioApiFields.js';
import { ISTIO_DEFAULT_RETRY_ON, mapRetryOn } from './mapRetryOn.js';
import { refusedRetryOn } from './refusedRetryOn.js';
import { resolveHost } from './resolveHost.js';

/** The policies one route sets on the calls it handles. */
export interface RoutePolicy {
  timeout?: string;
  retry?: ScenarioRetry;
  faultInjection?: ScenarioFaultInjection;
  mirror?: ScenarioMirror;
}

/** How Istio's validation refuses a percentage outside 0..100 (its message), and what applies when it is not imported. */
interface PercentCheck {
  readonly message: (value: number) => string;
  readonly instead: string;
}

/** Go's `%f` of a float64, as Istio's messages print it. */
function goFloat(value: number): string {
  return value.toFixed(6);
}

/**
 * An Istio `Percent` (`{ value }`, a double) or a deprecated percent (`deprecated`, read by its own rule), as a number
 * in [0, 100]. One Istio refuses — quoted, or outside 0..100 — is warned at its line (`check`) and not imported:
 * `refused` then, so that the caller does not also report it as absent.
 */
function readPercent(
  doc: SourceDocument,
  builder: ModelBuilder,
  percentage: FieldPath,
  check: PercentCheck,
  deprecated?: { readonly path: FieldPath; readonly rule: IstioNumberRule },
): { percent?: number; refused: boolean } {
  const valuePath: FieldPath = [...percentage, 'value'];
  const written = doc.peek(valuePath);
  const value = readIstioNumber(doc, builder, valuePath, {
    type: 'double',
    validation: { min: 0, max: 100, message: check.message },
    instead: check.instead,
  });
  doc.use(percentage);
  if (value !== undefined) return { percent: value, refused: false };
  if (written !== undefined && written !== null) return { refused: true };
  if (deprecated !== undefined) {
    const writtenOld = doc.peek(deprecated.path);
    const old = readIstioNumber(doc, builder, deprecated.path, deprecated.rule);
    if (old !== undefined && old >= 0 && old <= 100) return { percent: old, refused: false };
    if (writtenOld !== undefined && writtenOld !== null && old === undefined) return { refused: true };
  }
  return { refused: false };
}

/** Istio's validatePercentage, for a fault's percentage. */
const FAULT_PERCENTAGE = (value: number): string =>
  `percentage ${String(value)} is neither 0.0, nor in range [0.0001, 100.0]`;

/** The fields of Istio's HTTPRetry besides `attempts`: they shape retries, so without retries they do nothing. */
const RETRY_SHAPING_FIELDS = Object.keys(ISTIO_MESSAGES['HTTPRetry'] ?? {}).filter(
  (field) => field !== 'attempts',
);

/**
 * Retries disabled by `attempts` 0 (or none; istio/istio retry.go ConvertPolicy: attempts <= 0 sets no retry
 * policy), or by an `attempts` Istio refuses (`refused`, already warned), which leaves retries disabled too: the other
 * fields written beside it then do nothing, which Istio's validation refuses as well.
 */
function disabledRetry(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  attempts: number | undefined,
  refused: boolean,
): ScenarioRetry {
  const inert = RETRY_SHAPING_FIELDS.filter((field) => doc.peek([...path, field]) !== undefined);
  if (inert.length > 0) {
    const fields = `${inert.join(', ')} ${inert.length === 1 ? 'has' : 'have'} no effect`;
    builder.warnings.at(
      doc,
      attempts === undefined && !refused ? path : [...path, 'attempts'],
      refused
        ? `with attempts not imported, retries are disabled, so ${fields}; imported as no retries`
        : `${attempts === undefined ? 'no attempts (0)' : `attempts ${String(attempts)}`} disables retries, so ${fields} (Istio's validation refuses them: "http retry policy configured when attempts are set to 0 (disabled)"); imported as no retries`,
    );
  }
  doc.use(path);
  return { attempts: 1 };
}

/**
 * A scenario's `retry.attempts` (tries) for Istio's `attempts` (retries): one more, held within the scenario's maximum
 * (warned), which Istio does not have: it takes any int32.
 */
function fitAttempts(doc: SourceDocument, builder: ModelBuilder, path: FieldPath, attempts: number): number {
  const row = findRuleRow(RETRY_RULES, 'attempts');
  return fitToRuleMax(doc, builder, path, attempts + 1, row, {
    written: `attempts ${String(attempts)} (${String(attempts + 1)} tries, which Istio takes)`,
    field: 'retry.attempts',
    effect: ` (${String((row.max?.value ?? attempts + 1) - 1)} retries)`,
  });
}

function readRetry(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): ScenarioRetry {
  const written = doc.peek([...path, 'attempts']);
  // A quoted attempts ("3") is refused by the API server, as a quoted weight is: retries then stay disabled.
  const attempts = readIstioNumber(doc, builder, [...path, 'attempts'], {
    type: 'int32',
    validation: { min: 0, message: () => 'attempts cannot be negative' },
    instead: 'retries are disabled, as with attempts 0',
  });
  if (attempts === undefined || attempts === 0)
    return disabledRetry(
      doc,
      builder,
      path,
      attempts,
      written !== undefined && written !== null && attempts === undefined,
    );
  let retryOn = [...ISTIO_DEFAULT_RETRY_ON];
  let noneModelled = false;
  const retryOnText = doc.get([...path, 'retryOn']);
  if (typeof retryOnText === 'string') {
    const { conditions, dropped } = mapRetryOn(retryOnText);
    const refused = refusedRetryOn(retryOnText);
    if (refused.length > 0) {
      builder.warnings.at(
        doc,
        [...path, 'retryOn'],
        `Istio's validation refuses ${refused.map((entry) => JSON.stringify(entry)).join(', ')} (retryOn is split at ` +
          'commas and not trimmed; each entry must be an Envoy retry policy or an HTTP status code), so the API ' +
          'server refuses this VirtualService; imported as meant: entries trimmed, unknown ones left out',
      );
    }
    // An entry Istio refuses is said above; "not modelled" is for what Istio takes and meshsim does not.
    const unmodelled = dropped.filter((entry) => refusedRetryOn(entry).length === 0);
    if (unmodelled.length > 0 && conditions.length > 0) {
      builder.warnings.at(
        doc,
        [...path, 'retryOn'],
        `not modelled: ${unmodelled.join(', ')} (meshsim retries on 5xx, gateway-error, connect-failure, reset and 503; no meshsim outcome is a refused stream); imported: ${conditions.join(', ')}`,
      );
    }
    if (conditions.length === 0) noneModelled = true;
    else retryOn = conditions;
  }
  const perTry = readIstioDuration(
    doc,
    builder,
    [...path, 'perTryTimeout'],
    "each try is bounded by the route's timeout only, Istio's default",
  );
  const perTryTimeout = perTry === undefined ? undefined : formatDurationMs(perTry);
  const backoff = readIstioDuration(
    doc,
    builder,
    [...path, 'backoff'],
    "Envoy's default base of 25ms applies",
  );
  if (noneModelled) {
    // Envoy still ends every try after perTryTimeout, the first included (virtual_service.proto: "Timeout per
    // attempt for a given request, including the initial call and any retries"); only the retries are lost.
    builder.warnings.at(
      doc,
      [...path, 'retryOn'],
      'none of these conditions is modelled; imported as no retries' +
        (perTryTimeout === undefined
          ? ''
          : `, keeping perTryTimeout ${perTryTimeout}, as Envoy times out every try, the first included`) +
        ' (meshsim retries on 5xx, gateway-error, connect-failure, reset and 503; no meshsim outcome is a refused stream)',
    );
    if (backoff !== undefined) {
      builder.warnings.at(doc, [...path, 'backoff'], 'not imported, as the retries are not (see retryOn)');
    }
    return perTryTimeout === undefined ? { attempts: 1 } : { attempts: 1, perTryTimeout };
  }
  const retry: ScenarioRetry = {
    attempts: fitAttempts(doc, builder, [...path, 'attempts'], attempts),
    retryOn,
  };
  if (perTryTimeout !== undefined) retry.perTryTimeout = perTryTimeout;
  if (backoff !== undefined) retry.backoff = { base: formatDurationMs(backoff) };
  return retry;
}

function abortStatus(doc: SourceDocument, builder: ModelBuilder, path: FieldPath): 500 | 503 {
  const http = doc.get([...path, 'httpStatus']);
  const grpc = doc.get([...path, 'grpcStatus']);
  const http2 = doc.get([...path, 'http2Error']);
  if (http === 500 || http === 503) return http;
  if (typeof http === 'number') {
    builder.warnings.at(
      doc,
      [...path, 'httpStatus'],
      `meshsim injects 500 (error) or 503 (rejected); ${String(http)} is imported as 500`,
    );
    return 500;
  }
  if (grpc === 'UNAVAILABLE') return 503;
  if (grpc !== undefined) {
    builder.warnings.at(
      doc,
      [...path, 'grpcStatus'],
      `meshsim injects 500 (error) or 503 (rejected); gRPC ${JSON.stringify(grpc)} is imported as 500`,
    );
    return 500;
  }
  if (http2 !== undefined) {
    builder.warnings.at(
      doc,
      [...path, 'http2Error'],
      'meshsim injects 500 or 503; an HTTP/2 error is imported as 500',
    );
  }
  return 500;
}

function readFault(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
): ScenarioFaultInjection | undefined {
  const out: { delay?: { percent: number; fixed: string }; abort?: { percent: number; status: 500 | 503 } } =
    {};
  if (isRecord(doc.peek([...path, 'delay']))) {
    const delayPath: FieldPath = [...path, 'delay'];
    const { percent, refused } = readPercent(
      doc,
      builder,
      [...delayPath, 'percentage'],
      { message: FAULT_PERCENTAGE, instead: 'no request is delayed, as without a percentage' },
      { path: [...delayPath, 'percent'], rule: { type: 'int32', instead: 'no request is delayed' } },
    );
    const fixed = readIstioDuration(doc, builder, [...delayPath, 'fixedDelay'], 'no delay is injected');
    if (doc.peek([...delayPath, 'exponentialDelay']) !== undefined) {
      doc.use([...delayPath, 'exponentialDelay']);
      builder.warnings.at(
        doc,
        [...delayPath, 'exponentialDelay'],
        'exponential delays are not supported by Istio either; ignored',
      );
    }
    if (percent === undefined) {
      if (!refused)
        builder.warnings.at(
          doc,
          delayPath,
          'no percentage: Istio delays no request ("If left unspecified, no request will be delayed"); not imported',
        );
    } else if (fixed !== undefined) {
      out.delay = { percent, fixed: formatDurationMs(fixed) };
    }
  }
  if (isRecord(doc.peek([...path, 'abort']))) {
    const abortPath: FieldPath = [...path, 'abort'];
    const { percent, refused } = readPercent(doc, builder, [...abortPath, 'percentage'], {
      message: FAULT_PERCENTAGE,
      instead: 'no request is aborted, as without a percentage',
    });
    const status = abortStatus(doc, builder, abortPath);
    if (percent === undefined) {
      if (!refused)
        builder.warnings.at(
          doc,
          abortPath,
          'no percentage: Istio aborts no request ("If not specified, no request will be aborted"); not imported',
        );
    } else {
      out.abort = { percent, status };
    }
  }
  return out.delay === undefined && out.abort === undefined ? undefined : (out as ScenarioFaultInjection);
}

/** What applies when a mirror's percentage is not imported: Istio mirrors every request without one. */
const MIRROR_INSTEAD = 'every request is mirrored, as without a percentage';

function readMirror(doc: SourceDocument, builder: ModelBuilder, base: FieldPath): ScenarioMirror | undefined {
  let destination: FieldPath | undefined;
  let percent: number | undefined;
  if (isRecord(doc.peek([...base, 'mirror']))) {
    destination = [...base, 'mirror'];
    percent = readPercent(
      doc,
      builder,
      [...base, 'mirrorPercentage'],
      {
        message: (value) =>
          `mirror_percentage must have a ${value > 100 ? 'max value of 100' : 'min value of 0'} (it has ${goFloat(value)})`,
        instead: MIRROR_INSTEAD,
      },
      {
        path: [...base, 'mirrorPercent'],
        rule: {
          type: 'uint32',
          validation: {
            min: 0,
            max: 100,
            message: (value) => `mirror_percent must have a max value of 100 (it has ${String(value)})`,
          },
          instead: MIRROR_INSTEAD,
        },
      },
    ).percent;
  } else if (Array.isArray(doc.peek([...base, 'mirrors']))) {
    const mirrors = doc.peek([...base, 'mirrors']) as unknown[];
    destination = [...base, 'mirrors', 0, 'destination'];
    percent = readPercent(doc, builder, [...base, 'mirrors', 0, 'percentage'], {
      message: (value) =>
        `mirror percentage must have a ${value > 100 ? 'max value of 100' : 'min value of 0'} (it has ${goFloat(value)})`,
      instead: MIRROR_INSTEAD,
    }).percent;
    if (mirrors.length > 1) {
      doc.use([...base, 'mirrors']);
      builder.warnings.at(
        doc,
        [...base, 'mirrors'],
        `meshsim mirrors a call to one service; only the first of ${String(mirrors.length)} mirrors is imported`,
      );
    }
  }
  if (destination === undefined) return undefined;
  const host = doc.get([...destination, 'host']);
  if (typeof host !== 'string') {
    builder.warnings.at(doc, destination, 'a mirror needs a host; ignored');
    doc.use(destination);
    return undefined;
  }
  const subset = doc.get([...destination, 'subset']);
  if (subset !== undefined) {
    builder.warnings.at(
      doc,
      [...destination, 'subset'],
      `meshsim mirrors to the whole service; subset ${JSON.stringify(subset)} is ignored`,
    );
  }
  const resolved = resolveHost(builder, host, doc.namespace);
  if ('problem' in resolved) {
    builder.warnings.at(doc, [...destination, 'host'], `${resolved.problem}; the mirror is not imported`);
    return undefined;
  }
  return percent === undefined ? { to: resolved.service.name } : { to: resolved.service.name, percent };
}

/**
 * Reads the policies of the HTTP route at `base` (an element of `spec.http`).
 *
 * Istio disables timeouts and retries on a route that injects faults ("timeouts or retries will not be
 * enabled when faults are enabled on the client side"), so they are dropped there, with a warning.
 */
export function readRoutePolicy(doc: SourceDocument, builder: ModelBuilder, base: FieldPath): RoutePolicy {
  const policy: RoutePolicy = {};
  const timeout = readIstioDuration(doc, builder, [...base, 'timeout'], "no route timeout, Istio's default");
  if (timeout !== undefined) policy.timeout = formatDurationMs(timeout);
  if (isRecord(doc.peek([...base, 'retries']))) {
    policy.retry = readRetry(doc, builder, [...base, 'retries']);
  }
  if (isRecord(doc.peek([...base, 'fault']))) {
    const fault = readFault(doc, builder, [...base, 'fault']);
    if (fault !== undefined) {
      policy.faultInjection = fault;
      if (policy.timeout !== undefined || policy.retry !== undefined) {
        builder.warnings.at(
          doc,
          [...base, 'fault'],
          'Istio does not enable timeouts or retries on a route with fault injection (virtual_service.proto); its timeout and retries are not imported',
        );
        delete policy.timeout;
        delete policy.retry;
      }
    }
  }
  warnPerTryBeyondTimeout(doc, builder, base, policy);
  const mirror = readMirror(doc, builder, base);
  if (mirror !== undefined) policy.mirror = mirror;
  return policy;
}

/**
 * Envoy's route timeout covers every try ("the route timeout includes all retries"), and a per-try timeout that is
 * not less than it is ignored (router filter, x-envoy-upstream-rq-per-try-timeout-ms): warns where such a per-try
 * timeout is written. It is imported as written; meshsim, like Envoy, ends the call at the route's timeout first.
 */
function warnPerTryBeyondTimeout(
  doc: SourceDocument,
  builder: ModelBuilder,
  base: FieldPath,
  policy: RoutePolicy,
): void {
  const perTry = policy.retry?.perTryTimeout;
  if (policy.timeout === undefined || perTry === undefined) return;
  const timeoutMs = parseGoDurationMs(policy.timeout);
  const perTryMs = parseGoDurationMs(perTry);
  if (timeoutMs === undefined || perTryMs === undefined || perTryMs < timeoutMs) return;
  builder.warnings.at(
    doc,
    [...base, 'retries', 'perTryTimeout'],
    `${perTry} is not shorter than the route's timeout (${policy.timeout}): Envoy's route timeout covers every try, so the request times out first and the per-try timeout never takes effect (no try is cut short and retried)`,
  );
}
