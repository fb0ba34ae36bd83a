// The enforcer kinds registered shapes declare for their own hops (MeshShape.enforcers): which policies each runs,
// whose retry rules it follows and what to use instead of a policy it lacks. The built-in kinds are CAPABILITIES'.

import type { PolicyName } from './PolicyName.js';

/**
 * Whose retry rules a call's retries follow: `envoy` — Envoy's router filter (Istio, Consul, Cilium's L7 Envoy,
 * App Mesh); `other` — application code, a client library or linkerd2-proxy (call/isRetryable.ts).
 */
export type RetrySemantics = 'envoy' | 'linkerd' | 'other';

/** An enforcer kind of a registered shape's own: what a hop of that kind can do. */
export interface EnforcerSpec {
  /** The policies a hop of this kind runs; any other a scenario asks of it is warned of and not applied. */
  readonly policies: readonly PolicyName[];
  /** Whose retry rules its retries follow: `envoy` for an Envoy-based proxy, else `other`. @defaultValue 'other' */
  readonly retries?: RetrySemantics;
  /** What to use instead of a policy it lacks, by policy: appended to the warning. @defaultValue none */
  readonly hints?: Readonly<Partial<Record<PolicyName, string>>>;
}

/** A registered kind: its spec, its policies as a set, and the shape that declared it. */
export interface RegisteredEnforcer {
  readonly shape: string;
  readonly spec: EnforcerSpec;
  readonly policies: ReadonlySet<PolicyName>;
}

const registered = new Map<string, RegisteredEnforcer>();

/** The kind `kind` a registered shape declared, or undefined. */
export function registeredEnforcer(kind: string): RegisteredEnforcer | undefined {
  return registered.get(kind);
}

/** The kinds registered shapes declared, in registration order. */
export function registeredEnforcerKinds(): string[] {
  return [...registered.keys()];
}

/** Adds the kinds `shape` declares (checked by checkEnforcers.ts first). */
export function addEnforcerKinds(shape: string, enforcers: Readonly<Record<string, EnforcerSpec>>): void {
  for (const [kind, spec] of Object.entries(enforcers)) {
    registered.set(kind, { shape, spec, policies: new Set(spec.policies) });
  }
}

/** Removes the kinds `shape` declared. */
export function removeEnforcerKinds(shape: string): void {
  for (const [kind, entry] of [...registered]) if (entry.shape === shape) registered.delete(kind);
}
