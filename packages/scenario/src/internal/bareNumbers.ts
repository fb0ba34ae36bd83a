// Where a scenario file writes a duration as a bare number (milliseconds, easily meant as seconds), found by walking
// its data along the scenario's JSON Schema, the one source of which fields are durations.

import { DURATION_PATTERN, bareDurationReason } from '../units.js';
import { alternatives, children, rootSchema } from './fieldWords.js';
import type { SchemaNode } from './fieldWords.js';
import type { PathSegment } from './path.js';

/** A duration written as a bare number: where, and the warning ({@link bareDurationReason}). */
export interface BareDuration {
  readonly path: readonly PathSegment[];
  readonly reason: string;
}

/** Whether a schema alternative is the string form of a duration (`250ms`, `1.5s`, or a bare number string). */
function isDuration(node: SchemaNode): boolean {
  return node['type'] === 'string' && node['pattern'] === DURATION_PATTERN;
}

/** The value at `path` in plain data, or undefined. */
function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

/**
 * The durations of `input` written as bare numbers other than 0 (`duration: 5`, `timeout: "300"`), in the order the
 * data lists them — each only where `written`, the file's own data, has that same value: a value a `--set` put there
 * is the command line's, which warns of its own.
 *
 * @param input - The data a config was resolved from (the file's, or the file's as edited).
 * @param written - The file's own data.
 */
export function findBareDurations(input: unknown, written: unknown): BareDuration[] {
  const root = rootSchema();
  const found: BareDuration[] = [];
  const walk = (value: unknown, nodes: readonly SchemaNode[], path: PathSegment[]): void => {
    if (nodes.length === 0) return;
    if (typeof value === 'number' || typeof value === 'string') {
      const reason = bareDurationReason(value);
      if (reason === null || valueAt(written, path) !== value) return;
      if (nodes.some((node) => alternatives(node, root).some(isDuration))) found.push({ path, reason });
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const entries: [PathSegment, unknown][] = Array.isArray(value)
      ? value.map((item, i): [PathSegment, unknown] => [i, item])
      : Object.entries(value);
    for (const [segment, item] of entries) {
      walk(
        item,
        nodes.flatMap((node) => children(node, segment, root)),
        [...path, segment],
      );
    }
  };
  walk(input, [root], []);
  return found;
}

/**
 * Whether the field at `path` of a scenario file is a duration (`timeout`, `retry.perTryTimeout`, …), by the
 * scenario's JSON Schema. A segment of digits stands for a list index or a map key alike (`calls.0`).
 */
export function isDurationField(path: readonly PathSegment[]): boolean {
  const root = rootSchema();
  let nodes: SchemaNode[] = [root];
  for (const segment of path) {
    const asIndex = typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : null;
    nodes = nodes.flatMap((node) => [
      ...children(node, segment, root),
      ...(asIndex === null ? [] : children(node, asIndex, root)),
    ]);
    if (nodes.length === 0) return false;
  }
  return nodes.some((node) => alternatives(node, root).some(isDuration));
}
