// One warning per policy and service of a run: a shape's own word on a policy it lacks (`connection-pool of service
// "orders": Linkerd has no Envoy-style …`, an ambient service without a waypoint) makes the generic lines of that
// policy and service (`… is not enforced: …`, `… cannot be enforced by the … hop of caller …`) say nothing more.

/** A shape's own word on one policy of a service: `<policy> of service "<service>": …`. */
const OWN_WORD = /(?:^|: )([a-z-]+) of service "([^"]+)": /;

/** An ambient service without a waypoint: every L7 policy it lists is covered. */
const NO_WAYPOINT = /service "([^"]+)" has no waypoint, so its L7 policies \(([^)]+)\) cannot be enforced/;

/** The generic lines: the policy at a hop that cannot enforce it, per service or per caller. */
const GENERIC = [
  /(?:^|: )([a-z-]+) on service "([^"]+)" is not enforced: /,
  /(?:^|: )([a-z-]+)(?: "[^"]*")? for calls to "([^"]+)" cannot be enforced by the /,
];

/** `policy` of `service`, as a key. */
function key(policy: string, service: string): string {
  return `${policy}\u0000${service}`;
}

/**
 * `warnings` (a run's, maybe placed at their file's fields) without the generic lines of a policy and service the
 * shape already says why it does not apply (one warning per shape, policy and service); the others in their order.
 */
export function foldPolicyWarnings(warnings: readonly string[]): string[] {
  const covered = new Set<string>();
  for (const warning of warnings) {
    const own = OWN_WORD.exec(warning);
    if (own !== null) covered.add(key(own[1] ?? '', own[2] ?? ''));
    const ambient = NO_WAYPOINT.exec(warning);
    if (ambient !== null)
      for (const policy of (ambient[2] ?? '').split(', ')) covered.add(key(policy, ambient[1] ?? ''));
  }
  if (covered.size === 0) return [...warnings];
  return warnings.filter((warning) =>
    GENERIC.every((pattern) => {
      const match = pattern.exec(warning);
      return match === null || !covered.has(key(match[1] ?? '', match[2] ?? ''));
    }),
  );
}
