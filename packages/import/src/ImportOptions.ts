// Options of `importScenario` and `importScenarioObject` (the CLI's flags map onto them).

/** How to import. */
export interface ImportOptions {
  /**
   * A partial scenario (YAML or JSON) whose services, calls, traffic, faults and other top-level fields
   * are merged with what is imported; its values win over imported ones (each override is a warning).
   */
  graph?: string;
  /**
   * Traffic rate of each entry point when the inputs give none (`200/s`, `12000/m`, a number = per second). Default
   * `100/s`. Not used when the `graph` fragment has `traffic` (its sources and rates are used; warned).
   */
  rate?: string | number;
  /** The scenario's name. Default: the fragment's `name`, else the first input's file or directory name. */
  name?: string;
  /** Show input files relative to this directory in comments and warnings. Default: as given. */
  relativeTo?: string;
  /**
   * The text of the input `-`: standard input, which the caller reads (`meshsim import -` does), shown as `<stdin>`.
   * An input `-` without it is an error.
   */
  stdin?: string;
}
