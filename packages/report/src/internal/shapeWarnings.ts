// The warnings of a comparison, one line per distinct text with every shape that gave it (`[none, library] …`),
// in the order they first appear: a note that holds under six shapes is read once, not six times.

/** `[shape, shape] warning` lines for `shapes`' warnings, identical texts merged. */
export function shapeWarnings(shapes: readonly { shape: string; warnings: readonly string[] }[]): string[] {
  const byText = new Map<string, string[]>();
  for (const { shape, warnings } of shapes) {
    for (const warning of warnings) {
      const named = byText.get(warning);
      if (named === undefined) byText.set(warning, [shape]);
      else if (!named.includes(shape)) named.push(shape);
    }
  }
  return [...byText].map(([warning, named]) => `[${named.join(', ')}] ${warning}`);
}
