// What a scenario field accepts besides numbers, read from the scenario's JSON Schema (generated from the zod
// schema, the one source of what each field takes): the words for "no limit" (`unlimited`, `unbounded`, `all`) and
// whether the field may be left out. For the advice given with YAML's `.inf`, which no field accepts, and for
// `scenarioField` (whether `--set PATH=null` may remove a field); its walk of the schema also finds the durations a
// file writes as bare numbers (findBareNumbers).

import { scenarioJsonSchema } from '../jsonSchema.js';
import type { PathSegment } from './path.js';
import { pushAll } from '@meshsim/mesh';

/**
 * The words that mean "no limit" in some field: `unlimited` (policy limits, proxy workers, CPU limits), `unbounded`
 * (a service's queue) and `all` (a fault's instances, the library's services). Which field takes which is the
 * schema's to say; this list only tells them from the other words fields take (mesh shapes, presets).
 */
const NO_LIMIT_WORDS: readonly string[] = ['unlimited', 'unbounded', 'all'];

/** A node of the JSON Schema (an object; `true`/`false` schemas take no part here). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** What a field accepts besides a number, as {@link fieldWords} finds it. */
export interface FieldWords {
  /** Whether the schema has the field at all (an unknown field takes nothing). */
  readonly known: boolean;
  /** The words for "no limit" the field takes (none for most fields). */
  readonly noLimit: readonly string[];
  /** Whether the field may be left out (its default then applies). */
  readonly optional: boolean;
}

let schema: SchemaNode | undefined;

/** The scenario's JSON Schema, generated once (on the first `.inf`, not at start). */
export function rootSchema(): SchemaNode {
  schema ??= scenarioJsonSchema();
  return schema;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node` with its `$ref`s (to `#/$defs/…`) followed, or undefined for a reference elsewhere. */
function followRefs(node: SchemaNode, root: SchemaNode): SchemaNode | undefined {
  let current: SchemaNode | undefined = node;
  for (let hops = 0; current !== undefined && typeof current['$ref'] === 'string'; hops++) {
    const match = /^#\/\$defs\/(.+)$/.exec(current['$ref']);
    const defs = root['$defs'];
    const target: unknown = match === null || !isNode(defs) ? undefined : defs[match[1] as string];
    current = isNode(target) && hops < 100 ? target : undefined;
  }
  return current;
}

/** The alternatives `node` stands for: itself and, through `anyOf`/`oneOf`/`allOf`, each branch, refs followed. */
export function alternatives(node: SchemaNode, root: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const stack: SchemaNode[] = [node];
  while (stack.length > 0) {
    const next = followRefs(stack.pop() as SchemaNode, root);
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      const branches = next[key];
      if (Array.isArray(branches)) pushAll(stack, branches.filter(isNode));
    }
  }
  return out;
}

/** The schemas of `segment` inside `node` (a property, a map value or a list item), in each alternative. */
export function children(node: SchemaNode, segment: PathSegment, root: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const alternative of alternatives(node, root)) {
    if (typeof segment === 'number') {
      const items = alternative['items'];
      if (isNode(items)) out.push(items);
      continue;
    }
    const properties = alternative['properties'];
    const property = isNode(properties) ? properties[segment] : undefined;
    if (isNode(property)) {
      out.push(property);
      continue;
    }
    const patterns = alternative['patternProperties'];
    const byPattern = isNode(patterns)
      ? Object.entries(patterns).filter(([pattern]) => new RegExp(pattern, 'u').test(segment))
      : [];
    for (const [, value] of byPattern) if (isNode(value)) out.push(value);
    const additional = alternative['additionalProperties'];
    if (byPattern.length === 0 && isNode(additional)) out.push(additional);
  }
  return out;
}

/** Whether some alternative of `parent` has the property `key` and does not require it. */
function optionalIn(parent: SchemaNode, key: string, root: SchemaNode): boolean {
  return alternatives(parent, root).some((alternative) => {
    const properties = alternative['properties'];
    const required = alternative['required'];
    if (!isNode(properties) || !(key in properties)) return isNode(alternative['additionalProperties']);
    return !Array.isArray(required) || !required.includes(key);
  });
}

/** The schema nodes of the value at `path` (one per alternative that has it), and those of its parent. */
function nodesAt(path: readonly PathSegment[]): { nodes: SchemaNode[]; parents: SchemaNode[] } {
  const root = rootSchema();
  let nodes: SchemaNode[] = [root];
  let parents: SchemaNode[] = [];
  for (const segment of path) {
    parents = nodes;
    nodes = nodes.flatMap((node) => children(node, segment, root));
  }
  return { nodes, parents };
}

/**
 * The named fields (`properties`) the object at `path` takes, in every alternative, in schema order; none for a map
 * (services by name) or a list.
 */
export function fieldNames(path: readonly PathSegment[]): string[] {
  const root = rootSchema();
  const names = new Set<string>();
  for (const alternative of nodesAt(path).nodes.flatMap((node) => alternatives(node, root))) {
    const properties = alternative['properties'];
    if (isNode(properties)) for (const name of Object.keys(properties)) names.add(name);
  }
  return [...names];
}

/**
 * What the field at `path` accepts besides a number, from the scenario's JSON Schema: its words for "no limit"
 * (through every branch of a union: `queue` takes `unbounded`, `replicas` none) and whether it may be left out.
 *
 * @param path - The field's path in the scenario, e.g. `['services', 'api', 'queue']`.
 */
export function fieldWords(path: readonly PathSegment[]): FieldWords {
  const root = rootSchema();
  const { nodes, parents } = nodesAt(path);
  const words = new Set<string>();
  for (const alternative of nodes.flatMap((node) => alternatives(node, root))) {
    const values = [alternative['const'], ...(Array.isArray(alternative['enum']) ? alternative['enum'] : [])];
    for (const value of values) {
      if (typeof value === 'string' && NO_LIMIT_WORDS.includes(value)) words.add(value);
    }
  }
  const last = path[path.length - 1];
  const optional = typeof last === 'string' && parents.some((parent) => optionalIn(parent, last, root));
  return { known: nodes.length > 0, noLimit: NO_LIMIT_WORDS.filter((word) => words.has(word)), optional };
}
