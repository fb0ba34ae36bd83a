// One resource read from an input file: its value, its position in the file, and which of its fields the
// importers have used, so that every field nobody used can be reported.

import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';

import type { SourceRef } from '../../ImportModel.js';
import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';
import type { FieldPath } from './fieldPath.js';
import { isPrefixOf } from './fieldPath.js';

/** A line and column, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A resource (a YAML document, or one item of a `kind: List`) and the bookkeeping of its fields.
 * `get` marks a field as used; {@link unused} lists the fields no importer used.
 */
export class SourceDocument {
  /** The resource's kind ('' when it has none; set to `MockServiceGraph` for a kind-less isotope graph). */
  kind: string;
  /** Its `apiVersion` ('' when it has none). */
  readonly apiVersion: string;
  /** `metadata.name` ('' when it has none). */
  readonly name: string;
  /** `metadata.namespace`, or `default`. */
  readonly namespace: string;
  /** 0-based index of the resource in its document's `items` (a `kind: List`); undefined for a whole document. */
  readonly item: number | undefined;
  private readonly used: FieldPath[] = [];

  /**
   * @param file - The file as shown to the user.
   * @param document - 1-based index of the YAML document in the file.
   * @param value - The resource.
   * @param yaml - The parsed YAML document, for positions.
   * @param lines - The file's line counter.
   * @param base - Path of the resource inside the YAML document (`['items', 3]` in a List).
   */
  constructor(
    readonly file: string,
    readonly document: number,
    readonly value: JsonObject,
    private readonly yaml: Document,
    private readonly lines: LineCounter,
    private readonly base: FieldPath = [],
  ) {
    this.kind = typeof value['kind'] === 'string' ? value['kind'] : '';
    this.apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '';
    const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
    this.name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
    this.namespace =
      typeof metadata['namespace'] === 'string' && metadata['namespace'] !== ''
        ? metadata['namespace']
        : 'default';
    this.item = base[0] === 'items' && typeof base[1] === 'number' ? base[1] : undefined;
  }

  /** `Kind/name` (or `Kind` for an unnamed resource), for messages. */
  get resource(): string {
    const kind = this.kind === '' ? '(no kind)' : this.kind;
    return this.name === '' ? kind : `${kind}/${this.name}`;
  }

  /** The API group of `apiVersion` ('' for the core group `v1`). */
  get group(): string {
    const slash = this.apiVersion.indexOf('/');
    return slash === -1 ? '' : this.apiVersion.slice(0, slash);
  }

  /** Where values of this resource came from. */
  ref(name = this.name): SourceRef {
    return {
      file: this.file,
      document: this.document,
      ...(this.item !== undefined && { item: this.item }),
      kind: this.kind,
      name,
    };
  }

  /** The value at `path` (undefined if absent), marking it and everything under it as used. */
  get(path: FieldPath): unknown {
    this.use(path);
    return this.peek(path);
  }

  /** The value at `path` without marking it. */
  peek(path: FieldPath): unknown {
    let node: unknown = this.value;
    for (const segment of path) {
      if (typeof segment === 'number') {
        if (!Array.isArray(node)) return undefined;
        node = node[segment];
      } else {
        if (!isRecord(node)) return undefined;
        node = node[segment];
      }
    }
    return node;
  }

  /** Marks `path` and everything under it as used. */
  use(path: FieldPath): void {
    this.used.push(path);
  }

  /** Position of `path` in the file (of its key, for a mapping entry), or of its closest written ancestor. */
  position(path: FieldPath): Position | undefined {
    for (let length = path.length; length >= 0; length--) {
      const node = this.nodeAt(path.slice(0, length));
      if (node?.range !== undefined && node.range !== null) {
        const { line, col } = this.lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  }

  /** The node that marks `path`: the key of a mapping entry, the item of a sequence, the document root. */
  private nodeAt(path: FieldPath): Node | undefined {
    const full = [...this.base, ...path];
    const last = full[full.length - 1];
    if (last === undefined) return isNode(this.yaml.contents) ? this.yaml.contents : undefined;
    const parent = this.yaml.getIn(full.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && (isScalar(item.key) ? item.key.value : item.key) === last,
      );
      return pair !== undefined && isNode(pair.key) ? pair.key : undefined;
    }
    if (isSeq(parent) && typeof last === 'number') {
      const item: unknown = parent.items[last];
      return isNode(item) ? item : undefined;
    }
    return undefined;
  }

  /**
   * The roots of the subtrees no importer used: a field is listed when neither it, an ancestor nor a
   * descendant was used; `ignore` lists paths not to report (bookkeeping fields).
   */
  unused(ignore: readonly FieldPath[] = []): FieldPath[] {
    const out: FieldPath[] = [];
    const visit = (node: unknown, path: (string | number)[]): void => {
      if (this.used.some((used) => isPrefixOf(used, path))) return;
      if (ignore.some((skip) => isPrefixOf(skip, path))) return;
      const below = (other: FieldPath): boolean => other.length > path.length && isPrefixOf(path, other);
      if (!this.used.some(below) && !ignore.some(below) && path.length > 0) {
        out.push([...path]);
        return;
      }
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
      else if (isRecord(node)) for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
    };
    visit(this.value, []);
    return out;
  }
}
