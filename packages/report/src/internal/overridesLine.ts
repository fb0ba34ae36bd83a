// The line that names a run's overrides (what the command line changed of the scenario) in the text outputs.

/** `Overrides: seed=7, services.db.deadlinePropagation=true` — each as the `--set` that makes the change. */
export function overridesLine(overrides: readonly string[]): string {
  return `Overrides: ${overrides.join(', ')}`;
}
