// Where an error of the imported scenario comes from: a field the --graph fragment gave is named at the fragment's
// file, line and column; a field imported from the inputs names the resources its comment names (no line is kept).

import { isDeepStrictEqual } from 'node:util';

import type { ScenarioIssue } from '@meshsim/scenario';

import type { ImportIssue } from '../../ImportError.js';
import type { ScenarioComment } from '../../ScenarioComment.js';
import { isPrefixOf, parseFieldPath } from '../source/fieldPath.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { Fragment } from './readFragment.js';

/** The value at `path` of a plain object (undefined if absent). */
function valueAt(root: unknown, path: FieldPath): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * True if the fragment gave the value at `path`: the fragment holds the value there, or holds a part above it
 * (a traffic source, a call) that the scenario has exactly as the fragment wrote it — a field missing from it is
 * then the fragment's to give.
 */
function fromFragment(fragment: Fragment, scenario: unknown, path: FieldPath): boolean {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const given = valueAt(fragment.value, prefix);
    if (given === undefined) continue;
    return isDeepStrictEqual(given, valueAt(scenario, prefix));
  }
  return false;
}

/**
 * Turns an issue the scenario loader found in the imported scenario into an import issue: `the imported scenario is
 * invalid: <path>: <reason>`, at the fragment's file, line and column when the fragment gave the field, else
 * followed by the comment of the closest part of the scenario that has one (`(from app.yaml#1 Deployment/api)`).
 *
 * @param scenario - The imported scenario, as rendered and checked.
 * @param comments - Its comments, saying where each part came from.
 */
export function placeScenarioIssue(
  issue: ScenarioIssue,
  scenario: unknown,
  comments: readonly ScenarioComment[],
  fragment: Fragment | undefined,
): ImportIssue {
  const reason = `the imported scenario is invalid: ${issue.path === '' ? '' : `${issue.path}: `}${issue.reason}`;
  const path = parseFieldPath(issue.path);
  if (fragment !== undefined && fromFragment(fragment, scenario, path)) {
    const position = fragment.position(path);
    return position === undefined
      ? { file: fragment.file, reason }
      : { file: fragment.file, line: position.line, column: position.column, reason };
  }
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const here = comments.filter(
      (comment) => comment.path.length === length && isPrefixOf(comment.path, prefix),
    );
    if (here.length > 0) return { file: '', reason: `${reason} (${here.map((c) => c.text).join('; ')})` };
  }
  return { file: '', reason };
}
