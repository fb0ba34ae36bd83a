// Turns a name from an input (an isotope service `A`, a workload `Reviews_v1`) into a scenario name: a
// DNS label of lowercase letters, digits and `-`, starting with a letter, at most 63 characters.

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** True if `name` is already a valid scenario name. */
export function isScenarioName(name: string): boolean {
  return NAME.test(name);
}

/** The closest valid scenario name to `raw` (`Reviews_v1` → `reviews-v1`, `1st` → `s-1st`). */
export function toScenarioName(raw: string): string {
  let name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name === '') name = 'unnamed';
  if (!/^[a-z]/.test(name)) name = `s-${name}`;
  return name.slice(0, 63).replace(/-+$/, '');
}
