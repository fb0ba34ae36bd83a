// The run's warnings: notes the user must see (policies a shape cannot enforce, assumptions that bite),
// added by any part of the model, each kept once, in the order first added, with the scenario field each is about.

import type { ConfigWarning, ScenarioFieldPath } from '../config/ConfigWarning.js';

/** A de-duplicating, ordered list of warnings. */
export class Warnings {
  private readonly list: ConfigWarning[] = [];
  private readonly seen = new Set<string>();

  /**
   * Adds `message` unless it was added before.
   * @param path - The scenario field the warning is about, when it is about one (kept with the first add).
   */
  add(message: string, path?: ScenarioFieldPath): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(path === undefined ? { message } : { message, path });
  }

  /** The warnings in the order they were first added. */
  all(): readonly string[] {
    return this.list.map((warning) => warning.message);
  }

  /** The warnings with the field each is about, in the order they were first added. */
  entries(): readonly ConfigWarning[] {
    return this.list;
  }
}
