// Writes the scenario object as YAML text with the importer's comments: a header, a comment before (or
// at the end of) each imported part, and small leaf collections on one line (flow style) for readability.

import { Document, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Node, Pair } from 'yaml';

import type { ScenarioComment } from '../../ScenarioComment.js';

/** A flow collection is at most this long on one line. */
const FLOW_WIDTH = 90;

function appendComment(existing: string | null | undefined, text: string): string {
  return existing === undefined || existing === null || existing === ''
    ? ` ${text}`
    : `${existing}\n ${text}`;
}

/** The pair of `map` whose key is `key`. */
function pairOf(map: unknown, key: string | number): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((item) => isPair(item) && (isScalar(item.key) ? item.key.value : item.key) === key);
}

/** Attaches one comment; returns false if its path does not exist. */
function attach(doc: Document, comment: ScenarioComment): boolean {
  const parentPath = comment.path.slice(0, -1);
  const last = comment.path[comment.path.length - 1];
  if (last === undefined) return false;
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last];
    if (item === undefined || item === null || typeof item !== 'object') return false;
    const node = item as Node;
    node.commentBefore = appendComment(node.commentBefore, comment.text);
    return true;
  }
  const pair = pairOf(parent, last);
  if (pair === undefined) return false;
  if (comment.inline === true && isScalar(pair.value)) {
    const existing = pair.value.comment;
    pair.value.comment =
      existing === undefined || existing === null || existing === ''
        ? ` ${comment.text}`
        : `${existing}; ${comment.text}`;
    return true;
  }
  if (!isScalar(pair.key)) pair.key = new Scalar(pair.key);
  const key = pair.key as Scalar;
  key.commentBefore = appendComment(key.commentBefore, comment.text);
  return true;
}

/** True if `node` or anything under it carries a comment. */
function hasComment(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const n = node as { commentBefore?: string | null; comment?: string | null };
  if ((n.commentBefore ?? '') !== '' || (n.comment ?? '') !== '') return true;
  if (isPair(node)) return hasComment(node.key) || hasComment(node.value);
  if (isMap(node) || isSeq(node)) return node.items.some(hasComment);
  return false;
}

/** Puts short, comment-free collections below the top level on one line, never a whole service. */
function flowSmall(node: unknown, path: readonly unknown[]): void {
  if (!isMap(node) && !isSeq(node)) return;
  const isService = path.length === 2 && path[0] === 'services';
  if (
    path.length >= 2 &&
    !isService &&
    !hasComment(node) &&
    JSON.stringify(node.toJSON()).length <= FLOW_WIDTH
  ) {
    node.flow = true;
    return;
  }
  node.items.forEach((item: unknown, i: number) => {
    if (isPair(item)) flowSmall(item.value, [...path, isScalar(item.key) ? item.key.value : undefined]);
    else flowSmall(item, [...path, i]);
  });
}

/**
 * Renders the scenario as YAML.
 *
 * @param scenario - The scenario object.
 * @param comments - Comments to attach (those whose path does not exist are skipped).
 * @param header - Lines of the comment at the top of the file.
 */
export function renderScenario(
  scenario: object,
  comments: readonly ScenarioComment[],
  header: readonly string[],
): string {
  const doc = new Document(scenario);
  if (header.length > 0) doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  for (const comment of comments) attach(doc, comment);
  flowSmall(doc.contents, []);
  return doc.toString({ lineWidth: 0 });
}
