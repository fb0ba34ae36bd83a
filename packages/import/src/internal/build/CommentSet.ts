// The comments of a scenario being built: where each part came from, as `file#doc Kind/name`.

import type { SourceRef } from '../../ImportModel.js';
import type { ScenarioComment } from '../../ScenarioComment.js';
import { describeRef, shortRefs } from '../model/describeRefs.js';

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
    const named = new Set(said.map((ref) => describeRef(ref)));
    if (said.length > 0 && refs.every((ref) => named.has(describeRef(ref)))) return;
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
