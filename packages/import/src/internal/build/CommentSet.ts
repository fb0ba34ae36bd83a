// The comments of a scenario being built: where each part came from, as `file#doc Kind/name`.

import type { SourceRef } from '../../ImportModel.js';
import type { ScenarioComment } from '../../ScenarioComment.js';
import { describeRefs } from '../model/describeRefs.js';

/** How many sources a comment names before it says "and N more". */
const MAX_REFS = 3;

/** Sources for a comment: the first few, then a count. */
export function shortRefs(refs: readonly Readonly<SourceRef>[]): string {
  const unique = refs.filter(
    (ref, i) => refs.findIndex((other) => describeRefs([other]) === describeRefs([ref])) === i,
  );
  const shown = describeRefs(unique.slice(0, MAX_REFS));
  return unique.length > MAX_REFS ? `${shown} and ${String(unique.length - MAX_REFS)} more` : shown;
}

/** A growing list of comments keyed by scenario path. */
export class CommentSet {
  private readonly comments: ScenarioComment[] = [];

  /** Adds a comment at `path`. */
  add(path: (string | number)[], text: string, inline = false): void {
    this.comments.push(inline ? { path, text, inline } : { path, text });
  }

  /**
   * Adds `<prefix> <sources>` at `path`, unless every source is already named by the enclosing part
   * (`said`: the sources in the comment of the service the field belongs to).
   */
  from(
    path: (string | number)[],
    refs: readonly SourceRef[],
    inline = false,
    prefix = 'from',
    said: readonly SourceRef[] = [],
  ): void {
    if (refs.length === 0) return;
    const named = new Set(said.map((ref) => describeRefs([ref])));
    if (said.length > 0 && refs.every((ref) => named.has(describeRefs([ref])))) return;
    this.add(path, `${prefix} ${shortRefs(refs)}`, inline);
  }

  /** Removes the comments at `path` and below it (a value the fragment replaced). */
  dropUnder(path: readonly (string | number)[]): void {
    for (let i = this.comments.length - 1; i >= 0; i--) {
      const comment = this.comments[i];
      if (comment !== undefined && path.every((segment, j) => comment.path[j] === segment))
        this.comments.splice(i, 1);
    }
  }

  /** Every comment, in the order added. */
  list(): ScenarioComment[] {
    return [...this.comments];
  }
}
