// The Linkerd policy annotations of a Service, applied after its HTTPRoutes and ServiceProfile: a
// ServiceProfile makes Linkerd ignore them all; a route's retry (or timeout) annotations override all of
// the Service's retry (or timeout) annotations; failure accrual is a Service-only setting.

import type { ImportedService } from '../../ImportModel.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import { describeRef } from '../model/describeRefs.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import {
  LINKERD_ACCRUAL_KEYS,
  LINKERD_RETRY_KEYS,
  LINKERD_SERVICE_ANNOTATIONS,
  LINKERD_TIMEOUT_KEYS,
  hasAny,
} from './linkerdAnnotationKeys.js';
import { readFailureAccrual } from './readFailureAccrual.js';
import { readLinkerdRetry } from './readLinkerdRetry.js';
import { readLinkerdTimeout } from './readLinkerdTimeout.js';

/** Applies the Linkerd annotations of `service`'s Service document `doc`. */
export function applyServiceAnnotations(
  doc: SourceDocument,
  builder: ModelBuilder,
  service: ImportedService,
): void {
  const annotations = service.serviceAnnotations;
  if (!hasAny(annotations, LINKERD_SERVICE_ANNOTATIONS)) return;
  builder.evidence.linkerd.push(doc.ref());
  if (service.serviceProfile !== undefined) {
    builder.warnings.at(
      doc,
      ['metadata', 'annotations'],
      `Linkerd ignores retry, timeout and failure-accrual annotations while a ServiceProfile exists (${describeRef(service.serviceProfile)}); not imported`,
    );
    return;
  }
  const what = (field: string): string => `the ${field} of calls to "${service.name}"`;
  if (hasAny(annotations, LINKERD_RETRY_KEYS)) {
    if (builder.routeRetrySet.has(service)) {
      builder.warnings.at(
        doc,
        ['metadata', 'annotations'],
        "an HTTPRoute's retry annotations override the Service's; not imported",
      );
    } else {
      const retry = readLinkerdRetry(doc, builder, annotations);
      if (retry !== undefined)
        service.callPolicy.retry = builder.setOnce(
          service.callPolicy.retry,
          retry,
          doc,
          ['metadata', 'annotations'],
          what('retry policy'),
        );
    }
  }
  if (hasAny(annotations, LINKERD_TIMEOUT_KEYS)) {
    if (builder.routeTimeoutSet.has(service)) {
      builder.warnings.at(
        doc,
        ['metadata', 'annotations'],
        "an HTTPRoute's timeout overrides the Service's; not imported",
      );
    } else {
      const timeout = readLinkerdTimeout(doc, builder, annotations);
      if (timeout !== undefined)
        service.callPolicy.timeout = builder.setOnce(
          service.callPolicy.timeout,
          timeout,
          doc,
          ['metadata', 'annotations', 'timeout.linkerd.io/request'],
          what('timeout'),
        );
    }
  }
  if (hasAny(annotations, LINKERD_ACCRUAL_KEYS)) {
    const accrual = readFailureAccrual(doc, builder, annotations);
    if (accrual !== undefined) {
      service.destinationPolicy.failureAccrual = builder.setOnce(
        service.destinationPolicy.failureAccrual,
        accrual,
        doc,
        ['metadata', 'annotations'],
        `the failure accrual of "${service.name}"`,
      );
    }
  }
}
