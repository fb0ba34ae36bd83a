// How the HTML report names an edge in its charts and graph: the same words as every table.

/** `a → b`, as every table and chart names an edge. */
export function edgeName(edge: { source: string; destination: string }): string {
  return `${edge.source} → ${edge.destination}`;
}
