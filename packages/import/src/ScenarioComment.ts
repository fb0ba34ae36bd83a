// A YAML comment the importer attaches to a part of the scenario it produced, saying where it came from.

/** A comment on the scenario field (or list item) at `path`. */
export interface ScenarioComment {
  /** Keys and indexes from the top of the scenario (`['services', 'cart', 'calls', 0]`). */
  path: (string | number)[];
  /** The comment text, without `#`. */
  text: string;
  /** True to put the comment at the end of a scalar's line instead of on the line before. */
  inline?: boolean;
}
