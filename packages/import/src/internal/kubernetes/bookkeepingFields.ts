// Fields of live objects (`kubectl get -o yaml`) that are bookkeeping, not configuration: never reported.

import type { FieldPath } from '../source/fieldPath.js';

/** The bookkeeping fields, relative to a resource. */
export const BOOKKEEPING_FIELDS: readonly FieldPath[] = [
  ['metadata', 'uid'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'managedFields'],
  ['metadata', 'selfLink'],
  ['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration'],
  ['metadata', 'annotations', 'deployment.kubernetes.io/revision'],
  ['status'],
];
