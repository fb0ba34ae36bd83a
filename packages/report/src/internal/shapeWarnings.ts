// The warnings (or assumptions) of a comparison, one line per distinct text with every shape that gave it
// (`[none, library] …`), in the order they first appear: a note that holds under six shapes is read once, not six times;
// and one per shape, policy and service (foldPolicyWarnings).

import { foldPolicyWarnings } from './foldPolicyWarnings.js';

/**
 * `[shape, shape] warning` lines for `shapes`' warnings, identical texts merged, and a shape's generic lines of a policy
 * and service it already says why it does not apply left out ({@link foldPolicyWarnings}).
 * @param options.omitEveryShape - A text every shape gave is written without its list of shapes.
 */
export function shapeWarnings(
  shapes: readonly { shape: string; warnings: readonly string[] }[],
  options: { omitEveryShape?: boolean } = {},
): string[] {
  const byText = new Map<string, string[]>();
  for (const { shape, warnings } of shapes) {
    for (const warning of foldPolicyWarnings(warnings)) {
      const named = byText.get(warning);
      if (named === undefined) byText.set(warning, [shape]);
      else if (!named.includes(shape)) named.push(shape);
    }
  }
  return [...byText].map(([warning, named]) => {
    if (options.omitEveryShape === true && named.length === shapes.length) return warning;
    // A text of one shape that starts with its name (`linkerd: …`) is not prefixed twice (`[linkerd] linkerd: …`).
    const only = named.length === 1 ? named[0] : undefined;
    const text =
      only !== undefined && warning.startsWith(`${only}: `) ? warning.slice(only.length + 2) : warning;
    return `[${named.join(', ')}] ${text}`;
  });
}

/** The shapes' assumptions, one line per distinct text; one every shape shares is written without the shapes. */
export function shapeAssumptions(
  shapes: readonly { shape: string; assumptions: readonly string[] }[],
): string[] {
  return shapeWarnings(
    shapes.map((s) => ({ shape: s.shape, warnings: s.assumptions })),
    { omitEveryShape: true },
  );
}
