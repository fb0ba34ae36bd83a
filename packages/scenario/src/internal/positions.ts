// Finds where a field path is written in a YAML (or JSON) document, for line/column in errors.

import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { PathSegment } from './path.js';

/** A 1-based position in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Maps a field path to the position of its key (or of the closest written ancestor). */
export type Locate = (path: readonly PathSegment[]) => SourcePosition | undefined;

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/** The text of the scalar written at a field path (`.inf`, `"5ms"` without its quotes), or undefined. */
export type ReadWritten = (path: readonly PathSegment[]) => string | undefined;

/**
 * Builds a {@link ReadWritten} for a parsed document: the source of the scalar at the path, when
 * the path leads to one (through aliases too).
 */
export function createWrittenReader(doc: Document): ReadWritten {
  return (path) => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) node = node.items.find((item) => keyText(item.key) === String(segment))?.value;
      else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
      else return undefined;
    }
    if (isAlias(node)) node = node.resolve(doc);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  };
}

/**
 * Builds a {@link Locate} for a parsed document. For a map entry it points at the key, for a list
 * item at the item; a path that does not exist (a missing field) points at its deepest written parent.
 * The importer places the errors of a `--graph` fragment with it too, so both name the same positions.
 * @example
 * ```ts
 * const lines = new LineCounter();
 * const locate = createLocator(parseDocument(text, { lineCounter: lines }), lines);
 * locate(['services', 'api', 'serviceTime']); // { line: 3, column: 5 }
 * ```
 */
export function createLocator(doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0];
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => keyText(item.key) === String(segment));
        if (pair === undefined) break;
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange !== undefined && keyRange !== null) offset = keyRange[0];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        const range = (item as Node | null)?.range;
        if (range === undefined || range === null) break;
        offset = range[0];
        node = item;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
