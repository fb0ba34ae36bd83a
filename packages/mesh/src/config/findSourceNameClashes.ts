// Traffic-source names that break the edges: edges are keyed by caller name, so a source named as a service, or two
// sources of one name and one target, would be counted together. The one rule of a scenario file's check (with line
// numbers) and of a config built in code (checkConfigReferences).

/** A traffic source as the check sees it: its name, its target and where it is (a path of either form). */
export interface SourceNameEntry<P> {
  /** Its index in `traffic`. */
  readonly index: number;
  readonly name: string;
  /** Its target; undefined when not a name (reported elsewhere). */
  readonly to: string | undefined;
  readonly path: P;
  /** True when the name is the default one (`client`), not written: the reason says so. @defaultValue false */
  readonly defaulted?: boolean;
}

/** A source whose name breaks the edges: where it is, and why. */
export interface SourceNameClash<P> {
  readonly path: P;
  readonly reason: string;
}

/**
 * One entry per source, in order, whose name is a service's (its calls would be counted as the service's, and its
 * entry edge as no source's), or the name of an earlier source with the same target (both would share one edge).
 *
 * @param services - The names of the services.
 * @param sources - The traffic sources, in order.
 * @example
 * ```ts
 * findSourceNameClashes(new Set(['frontend']), [{ index: 0, name: 'frontend', to: 'frontend', path: 'traffic[0].name' }]);
 * // [{ path: 'traffic[0].name', reason: '"frontend" is also a service\'s name: a traffic source\'s name must …' }]
 * ```
 */
export function findSourceNameClashes<P>(
  services: { has(name: string): boolean },
  sources: readonly SourceNameEntry<P>[],
): SourceNameClash<P>[] {
  const out: SourceNameClash<P>[] = [];
  const edges = new Map<string, number>();
  for (const { index, name, to, path, defaulted = false } of sources) {
    const named = `${JSON.stringify(name)}${defaulted ? ' (the default name)' : ''}`;
    if (services.has(name)) {
      out.push({
        path,
        reason:
          `${named} is also a service's name: a traffic source's name must differ from every service name, because ` +
          `edges are keyed by caller name (the source's calls would be counted as the service's)` +
          (defaulted ? '; give the source a name' : ''),
      });
      continue;
    }
    if (to === undefined) continue;
    const key = `${name}\u0000${to}`;
    const first = edges.get(key);
    if (first === undefined) {
      edges.set(key, index);
      continue;
    }
    out.push({
      path,
      reason:
        `duplicate traffic source ${named} → ${to} (traffic[${first}] too): sources of one name and one target ` +
        `share one edge, keyed by caller name, so their calls would be counted as one source's; give each its own name`,
    });
  }
  return out;
}
