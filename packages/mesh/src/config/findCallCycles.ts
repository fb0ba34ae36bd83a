// The model needs an acyclic call graph (a request calling back into a service on its own path would call
// itself forever). One search for both checks of it: a scenario file's and a config built in code.

/** A call from service `from` to service `to`, found at `path` (the caller's own way to point at it). */
export interface CallEdge<P> {
  readonly from: string;
  readonly to: string;
  readonly path: P;
}

/** A call that closes a cycle: where it is, and the cycle (first and last the same service). */
export interface CallCycle<P> {
  readonly path: P;
  readonly cycle: readonly string[];
}

/** The reason given for a cycle, e.g. `call cycle a → b → a: …`. */
export function callCycleReason(cycle: readonly string[]): string {
  return `call cycle ${cycle.join(' → ')}: a request would call itself forever (the model needs an acyclic call graph)`;
}

/**
 * One entry per back edge of a depth-first search over `names` in order, each edge followed in order: the
 * call that closes a cycle and the cycle. Edges to a name not in `names` are ignored (reported elsewhere).
 * Iterative, so that a long chain of services (up to the limit of 10,000) cannot overflow the stack.
 */
export function findCallCycles<P>(names: readonly string[], edges: readonly CallEdge<P>[]): CallCycle<P>[] {
  const out: CallCycle<P>[] = [];
  const adjacency = new Map<string, CallEdge<P>[]>(names.map((name) => [name, []]));
  for (const edge of edges) if (adjacency.has(edge.to)) adjacency.get(edge.from)?.push(edge);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  // Each frame: a service on the current path and the index of its next edge to follow.
  const frames: { name: string; next: number }[] = [];
  const enter = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    frames.push({ name, next: 0 });
  };
  for (const root of names) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { name: string; next: number };
      const edge = adjacency.get(frame.name)?.[frame.next];
      if (edge === undefined) {
        frames.pop();
        stack.pop();
        state.set(frame.name, 'done');
        continue;
      }
      frame.next++;
      const target = state.get(edge.to);
      if (target === 'active') {
        out.push({ path: edge.path, cycle: [...stack.slice(stack.indexOf(edge.to)), edge.to] });
      } else if (target === undefined) {
        enter(edge.to);
      }
    }
  }
  return out;
}
