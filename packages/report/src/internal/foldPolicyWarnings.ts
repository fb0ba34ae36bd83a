// One warning per policy and service of a run: a shape's own word on a policy it lacks (`connection-pool of service
// "orders": Linkerd has no Envoy-style …`, an ambient service without a waypoint) makes the generic lines of that
// policy and service (`… is not enforced: …`, `… cannot be enforced by the … hop of caller …`) say nothing more; and
// ambient services without a waypoint whose L7 policies are the same are named in one warning, not one each.

/** A shape's own word on one policy of a service: `<policy> of service "<service>": …`. */
const OWN_WORD = /(?:^|: )([a-z-]+) of service "([^"]+)": /;

/** An ambient service without a waypoint: every L7 policy it lists is covered. */
const NO_WAYPOINT = /service "([^"]+)" has no waypoint, so its L7 policies \(([^)]+)\) cannot be enforced/;

/**
 * An ambient service without a waypoint, as the run gives it or placed at its file's field (`my.yaml:9:3:
 * services.orders: `): the place, the service, its L7 policies and the rest of the text.
 */
const NO_WAYPOINT_LINE =
  /^(.*?)istio-ambient: service "([^"]+)" has no waypoint, so its L7 policies \(([^)]+)\) (cannot be enforced .*)$/;

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
  const kept =
    covered.size === 0
      ? warnings
      : warnings.filter((warning) =>
          GENERIC.every((pattern) => {
            const match = pattern.exec(warning);
            return match === null || !covered.has(key(match[1] ?? '', match[2] ?? ''));
          }),
        );
  return groupNoWaypoint(kept);
}

/** Ambient services without a waypoint with the same L7 policies: the first one's text, and each service named. */
interface NoWaypointGroup {
  readonly first: string;
  readonly services: string[];
  readonly policies: string;
  readonly rest: string;
}

/**
 * `warnings` with the ambient services without a waypoint whose L7 policies and text are the same named in one
 * warning, where the first of them was (`services "orders" (my.yaml:9:3), "users" (my.yaml:12:3) have no waypoint, so
 * their L7 policies (timeout) …`, each at its file's place when the warnings were placed); a lone one as it is.
 */
function groupNoWaypoint(warnings: readonly string[]): string[] {
  const groups = new Map<string, NoWaypointGroup>();
  const lines: (string | NoWaypointGroup)[] = [];
  for (const warning of warnings) {
    const match = NO_WAYPOINT_LINE.exec(warning);
    if (match === null) {
      lines.push(warning);
      continue;
    }
    const [, place = '', service = '', policies = '', rest = ''] = match;
    const path = `: services.${service}: `;
    const at = place.endsWith(path) ? place.slice(0, -path.length) : place.replace(/: $/, '');
    const named = at === '' ? `"${service}"` : `"${service}" (${at})`;
    const found = groups.get(key(policies, rest));
    if (found !== undefined) {
      found.services.push(named);
      continue;
    }
    const group = { first: warning, services: [named], policies, rest };
    groups.set(key(policies, rest), group);
    lines.push(group);
  }
  return lines.map((line) => {
    if (typeof line === 'string') return line;
    if (line.services.length === 1) return line.first;
    return (
      `istio-ambient: services ${line.services.join(', ')} have no waypoint, so their L7 policies (${line.policies}) ` +
      line.rest.replace('give the service `waypoint: true`', 'give each service `waypoint: true`')
    );
  });
}
