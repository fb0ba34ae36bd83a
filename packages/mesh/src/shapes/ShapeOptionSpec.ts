// A mesh option a registered shape owns (MeshShape.options): a key of `mesh` in a scenario file, a `--set mesh.<key>…`
// and a MeshOptions field in code, checked by the shape's own check wherever it is written.

/** One option of a registered shape's own. */
export interface ShapeOptionSpec {
  /** One line on what it is, with its unit (the JSON Schema and docs show it). */
  readonly description: string;
  /**
   * Throws, naming `path` (`mesh.kumaDp`) and the field inside it, when `value` is not valid. `value` is as written: a
   * scenario's YAML or JSON value (numbers, strings, objects: no unit is converted), or what code put in MeshOptions.
   */
  check(value: unknown, path: string): void;
}
