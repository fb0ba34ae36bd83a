// Hints for Cilium's own spellings written into a scenario's `mesh`: its per-node `envoy`, its policies'
// `authentication`, an encryption type (`wireguard`, `ipsec`, the Helm chart's `{ type: wireguard }`) and the
// `maglev` balancer — each told the meshsim field to write, or why meshsim has none. Hint-only, as istioFieldNames.ts.

import type { PathSegment } from './path.js';
import type { PathIssue } from './PathIssue.js';

/** The unknown keys of `mesh` that are Cilium's names, and what meshsim writes for each. */
const MESH_FIELDS: ReadonlyMap<string, string> = new Map([
  [
    'envoy',
    "Cilium's per-node Envoy is nodeProxy in meshsim: write mesh.nodeProxy (the node Envoy's profile); " +
      "the Envoy of istio-sidecar, app-mesh and consul is sidecar, an istio-ambient waypoint's is waypoint",
  ],
  [
    'authentication',
    // docs/sources.md#cilium-mutual-auth: a CiliumNetworkPolicy rule's `authentication: { mode: required }`.
    "Cilium's mutual authentication (a CiliumNetworkPolicy's authentication.mode: required) is mtls in meshsim: " +
      'write mtls: true (for every call of the mesh, not per policy)',
  ],
]);

/**
 * The issue for unknown key `key` of the object at `object` when it is Cilium's name of a `mesh` field (`envoy`,
 * `authentication`); undefined otherwise (the generic unknown-field hint applies).
 */
export function ciliumFieldIssues(object: readonly PathSegment[], key: string): PathIssue[] | undefined {
  const reason = object.length === 1 && object[0] === 'mesh' ? MESH_FIELDS.get(key) : undefined;
  return reason === undefined ? undefined : [{ path: [...object, key], reason }];
}

/** The encryption type `input` names: a word (`wireguard`) or the Helm chart's `{ type: wireguard }`, lower case. */
function encryptionType(input: unknown): string | undefined {
  if (typeof input === 'string') return input.trim().toLowerCase();
  if (typeof input !== 'object' || input === null) return undefined;
  const type = (input as { type?: unknown }).type;
  return typeof type === 'string' ? type.trim().toLowerCase() : undefined;
}

/**
 * `: Cilium's WireGuard encryption is encryption: true in meshsim (…)` for an encryption given as Cilium names its
 * type (`wireguard`, `{ type: wireguard }`), `: meshsim models Cilium's WireGuard encryption, not IPsec: …` for
 * `ipsec`; '' for anything else.
 */
export function ciliumEncryptionHint(input: unknown): string {
  const type = encryptionType(input);
  if (type === 'wireguard')
    return ": Cilium's WireGuard encryption is encryption: true in meshsim (WireGuard is the encryption it models)";
  if (type === 'ipsec')
    return ": meshsim models Cilium's WireGuard encryption, not IPsec: write encryption: true for WireGuard, or leave it out";
  return '';
}

/**
 * `: Maglev is Cilium's consistent hashing of traffic entering the cluster …` for `maglev` given to a field that takes
 * a balancer's name (`values` holds `least-request`); '' otherwise. Cilium applies Maglev to north-south traffic only;
 * a pod's call gets its backend from the socket load balancer at connect (docs/sources.md#cilium-maglev).
 */
export function ciliumMaglevHint(input: unknown, values: readonly unknown[]): string {
  if (!values.includes('least-request') || typeof input !== 'string') return '';
  if (input.trim().toLowerCase() !== 'maglev') return '';
  return (
    ": Maglev is Cilium's consistent hashing of traffic entering the cluster (north-south); a call between pods gets " +
    "its backend from Cilium's socket load balancer at connect, not from Maglev: write loadBalancer: random (the " +
    "cilium shape's default) or leave it out"
  );
}
