// The services of the --graph fragment that no input defines join the model before Istio and Linkerd
// resources are read, so that a VirtualService or ServiceProfile can name a service only the fragment has.

import type { SourceRef } from '../../ImportModel.js';
import { isRecord } from '../isRecord.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { Fragment } from './readFragment.js';

/** The kind of the references to a fragment's services (their comments name the fragment instead). */
export const FRAGMENT_KIND = 'scenario fragment';

/** Adds the fragment's services that are not imported yet (in their `namespace`, default `default`). */
export function seedFragmentServices(builder: ModelBuilder, fragment: Fragment): void {
  const services = fragment.value['services'];
  if (!isRecord(services)) return;
  for (const [name, service] of Object.entries(services)) {
    const namespace =
      isRecord(service) && typeof service['namespace'] === 'string' ? service['namespace'] : 'default';
    if (builder.serviceNamed(name) !== undefined || builder.findService(name, namespace) !== undefined)
      continue;
    const ref: SourceRef = { file: fragment.file, document: 1, kind: FRAGMENT_KIND, name };
    builder.model.services.push({
      name,
      sourceName: name,
      namespace,
      from: [ref],
      serviceLabels: {},
      serviceAnnotations: {},
      workloads: [],
      callPolicy: {},
      destinationPolicy: {},
    });
  }
}
