// The run's warnings: notes the user must see (policies a shape cannot enforce, assumptions that bite),
// added by any part of the model, each kept once, in the order first added.

/** A de-duplicating, ordered list of warnings. */
export class Warnings {
  private readonly list: string[] = [];
  private readonly seen = new Set<string>();

  /** Adds `message` unless it was added before. */
  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(message);
  }

  /** The warnings in the order they were first added. */
  all(): readonly string[] {
    return this.list;
  }
}
