// What an Istio HTTP route's `match` list means to meshsim: every request (no match, or `uri.prefix: /`),
// request classes (exact header matches, which become `traffic[].requestClass` values), or something
// meshsim cannot express (paths, methods, source labels, …).

import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { isRecord } from '../isRecord.js';

/** The meaning of a route's match list. */
export type MatchKind =
  { kind: 'default' } | { kind: 'class'; classes: string[] } | { kind: 'other'; reason: string };

const NEUTRAL_KEYS = new Set(['name', 'statPrefix', 'ignoreUriCase']);

/** The request class of an exact header match: `end-user=jason` (several headers joined by `&`). */
export function headerClass(headers: Record<string, string>): string {
  return Object.keys(headers)
    .sort()
    .map((name) => `${name}=${headers[name] ?? ''}`)
    .join('&');
}

/** Classifies the `match` list at `path` (marking what it reads as used). */
export function classifyMatch(doc: SourceDocument, path: FieldPath): MatchKind {
  const matches = doc.get(path);
  if (matches === undefined || (Array.isArray(matches) && matches.length === 0)) return { kind: 'default' };
  if (!Array.isArray(matches)) return { kind: 'other', reason: 'match must be a list' };
  const classes: string[] = [];
  let catchAll = false;
  for (const match of matches) {
    if (!isRecord(match)) return { kind: 'other', reason: 'a match must be an object' };
    const keys = Object.keys(match).filter((key) => !NEUTRAL_KEYS.has(key));
    const uri = match['uri'];
    if (
      keys.length === 0 ||
      (keys.length === 1 && keys[0] === 'uri' && isRecord(uri) && uri['prefix'] === '/')
    ) {
      catchAll = true;
      continue;
    }
    const headers = match['headers'];
    if (keys.length === 1 && keys[0] === 'headers' && isRecord(headers)) {
      const exact: Record<string, string> = {};
      for (const [name, condition] of Object.entries(headers)) {
        if (
          !isRecord(condition) ||
          typeof condition['exact'] !== 'string' ||
          Object.keys(condition).length !== 1
        ) {
          return {
            kind: 'other',
            reason: `header "${name}" is not an exact match (meshsim's request classes are exact header values)`,
          };
        }
        exact[name] = condition['exact'];
      }
      classes.push(headerClass(exact));
      continue;
    }
    return {
      kind: 'other',
      reason: `matches on ${keys.join(', ')} (meshsim routes only by request class: exact header matches)`,
    };
  }
  if (catchAll) return { kind: 'default' };
  return { kind: 'class', classes };
}
