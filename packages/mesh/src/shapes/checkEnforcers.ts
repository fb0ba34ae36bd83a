// The enforcer kinds a shape declares (MeshShape.enforcers), checked when it is registered: a new name, known policy
// names, retry rules and hints as the model reads them. Untyped code can pass anything.

import { POLICY_NAMES, isBuiltInEnforcer } from '../config/capabilities.js';
import { registeredEnforcer } from '../config/enforcerKinds.js';

/** A kind's name: lowercase letters, digits and `-`, starting with a letter (as shape names). */
const KIND_NAME = /^[a-z][a-z0-9-]*$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws `registerMeshShape("<shape>"): enforcers.<kind>…` naming the first field that is not valid. */
export function checkEnforcers(shape: string, enforcers: unknown): void {
  if (enforcers === undefined) return;
  const where = `registerMeshShape(${JSON.stringify(shape)}): enforcers`;
  if (!isObject(enforcers)) {
    throw new TypeError(`${where} must be an object of enforcer kinds (got ${String(enforcers)})`);
  }
  const policyNames: readonly string[] = POLICY_NAMES;
  for (const [kind, spec] of Object.entries(enforcers)) {
    const path = `${where}.${kind}`;
    if (isBuiltInEnforcer(kind)) throw new Error(`${path}: a built-in enforcer kind; name your own`);
    if (!KIND_NAME.test(kind)) {
      throw new Error(
        `${path}: a kind's name must be lowercase letters, digits and "-", starting with a letter`,
      );
    }
    const owner = registeredEnforcer(kind)?.shape;
    if (owner !== undefined) throw new Error(`${path}: already declared by mesh shape "${owner}"`);
    if (!isObject(spec) || !Array.isArray(spec.policies)) {
      throw new TypeError(`${path}.policies must be an array of policy names`);
    }
    spec.policies.forEach((policy: unknown, i) => {
      if (typeof policy !== 'string' || !policyNames.includes(policy)) {
        throw new RangeError(
          `${path}.policies[${i}] must be a policy name: ${POLICY_NAMES.join(', ')} (got ${JSON.stringify(policy)})`,
        );
      }
    });
    if (spec.retries !== undefined && spec.retries !== 'envoy' && spec.retries !== 'other') {
      throw new RangeError(
        `${path}.retries must be "envoy" or "other" (got ${JSON.stringify(spec.retries)})`,
      );
    }
    if (spec.hints === undefined) continue;
    if (!isObject(spec.hints)) throw new TypeError(`${path}.hints must be an object of texts by policy name`);
    for (const [policy, hint] of Object.entries(spec.hints)) {
      if (!policyNames.includes(policy) || typeof hint !== 'string') {
        throw new RangeError(
          `${path}.hints.${policy} must be a text, under a policy name: ${POLICY_NAMES.join(', ')}`,
        );
      }
    }
  }
}
