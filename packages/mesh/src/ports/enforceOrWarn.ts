// Capability gate for one policy at one hop: true when the hop can enforce it, otherwise a warning
// naming the policy, the service and the mesh shape (and the caller must not apply the policy).

import { canEnforce, missingCapabilityHint } from '../config/capabilities.js';
import type { EnforcerKind, PolicyName } from '../config/capabilities.js';
import type { ScenarioFieldPath } from '../config/ConfigWarning.js';
import type { Warnings } from './Warnings.js';

/** Where a capability check reports: the run's warnings and the mesh shape's name. */
export interface EnforcementScope {
  readonly warnings: Warnings;
  /** The mesh shape's name, for messages. */
  readonly shape: string;
}

/** `an` before a vowel sound (`an application`, `an l7-proxy`), else `a`. */
function article(word: string): string {
  return /^(?:[aeiou]|l\d)/.test(word) ? 'an' : 'a';
}

/**
 * Whether `enforcer` can enforce `policy` for `service`. When it cannot, adds the warning
 * `<policy> on service "<service>" is not enforced: the <shape> mesh shape enforces it at a(n) <enforcer> hop, which cannot`,
 * followed by what the real proxy offers instead where it has an alternative, about the scenario field `path` when given.
 */
export function enforceOrWarn(
  scope: EnforcementScope,
  enforcer: EnforcerKind,
  policy: PolicyName,
  service: string,
  path?: ScenarioFieldPath,
): boolean {
  if (canEnforce(enforcer, policy)) return true;
  const hint = missingCapabilityHint(enforcer, policy);
  scope.warnings.add(
    `${policy} on service "${service}" is not enforced: the ${scope.shape} mesh shape ` +
      `enforces it at ${article(enforcer)} ${enforcer} hop, which cannot; the policy is not applied` +
      (hint === undefined ? '' : ` (${hint})`),
    path,
  );
  return false;
}
