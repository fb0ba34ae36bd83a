// Where a scenario file writes a quantity as a bare number that is easily meant in another unit — a duration
// (milliseconds, easily meant as seconds), an implausible CPU quantity (cores, easily meant as millicores) or a memory
// size (MiB or KiB, where Kubernetes reads bytes) — found by walking its data along the scenario's JSON Schema, the one
// source of which fields are durations, CPU quantities and memory sizes.

import { PROFILE_FIELDS, RULE_TABLES } from '@meshsim/mesh';
import {
  BYTE_SIZE_PATTERN,
  CPU_PATTERN,
  DURATION_PATTERN,
  bareCpuReason,
  bareDurationReason,
  bareMemoryReason,
  isCpuText,
  parseCpuCores,
} from '../units.js';
import { alternatives, children, rootSchema } from './fieldWords.js';
import type { SchemaNode } from './fieldWords.js';
import type { PathSegment } from './path.js';

/** A quantity written as a bare number: where, its kind, and the warning ({@link bareDurationReason}, {@link bareCpuReason}). */
export interface BareNumber {
  readonly path: readonly PathSegment[];
  readonly kind: 'duration' | 'cpu' | 'memory';
  readonly reason: string;
}

/** Whether a schema alternative is the string form of a duration (`250ms`, `1.5s`, or a bare number string). */
function isDuration(node: SchemaNode): boolean {
  return node['type'] === 'string' && node['pattern'] === DURATION_PATTERN;
}

/** Whether a schema alternative is the string form of a CPU quantity (`500m`, `2`). */
function isCpu(node: SchemaNode): boolean {
  return node['type'] === 'string' && node['pattern'] === CPU_PATTERN;
}

/** Whether a schema alternative is the string form of a memory size (`64Mi`, `4G`). */
function isMemory(node: SchemaNode): boolean {
  return node['type'] === 'string' && node['pattern'] === BYTE_SIZE_PATTERN;
}

/**
 * The unit of a bare number of each memory field, by its name: the rule tables' sizes (`nodeMemory`, `memoryRequest`,
 * …) and the proxy profiles' (`memoryBase`, `memoryPerEndpoint`, …). Sizes in bytes (`requestBytes`) are not here: a
 * bare number of bytes is what Kubernetes reads too.
 */
const MEMORY_FIELD_UNITS: ReadonlyMap<string, 'MiB' | 'KiB'> = new Map(
  [
    ...RULE_TABLES.flatMap((table) =>
      table.rows.filter((row) => row.kind === 'size').map((row) => [row.field, row.unit] as const),
    ),
    ...Object.values(PROFILE_FIELDS).map((spec) => [spec.written, spec.unit] as const),
  ].filter((entry): entry is readonly [string, 'MiB' | 'KiB'] => entry[1] === 'MiB' || entry[1] === 'KiB'),
);

/** The warning for the memory size `value` of the field named `key`, when it is a bare number in MiB or KiB. */
function bareMemoryAt(key: PathSegment | undefined, value: unknown): string | null {
  const unit = typeof key === 'string' ? MEMORY_FIELD_UNITS.get(key) : undefined;
  return unit === undefined ? null : bareMemoryReason(value, unit);
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

/** A list at `key` of `data`, or none. */
function listAt(data: unknown, key: string): unknown[] {
  const value = valueAt(data, [key]);
  return Array.isArray(value) ? value : [];
}

/**
 * The largest node size `input` writes [cores] — its `nodeCpu`, its clusters' and their node pools' — or null when it
 * writes none.
 */
function largestNodeCores(input: unknown): number | null {
  const written = [
    valueAt(input, ['nodeCpu']),
    ...listAt(input, 'clusters').flatMap((cluster) => [
      valueAt(cluster, ['nodeCpu']),
      ...listAt(cluster, 'nodePools').map((pool) => valueAt(pool, ['nodeCpu'])),
    ]),
  ];
  let largest: number | null = null;
  for (const value of written) {
    if (!(typeof value === 'number' || (typeof value === 'string' && isCpuText(value)))) continue;
    const cores = parseCpuCores(value);
    if (largest === null || cores > largest) largest = cores;
  }
  return largest;
}

/**
 * The quantities of `input` written as bare numbers easily meant in another unit, in the order the data lists them:
 * durations other than 0 (`duration: 5`, `timeout: "300"`), CPU quantities implausible as cores
 * ({@link bareCpuReason}: `cpuLimit: 500` on nodes of 8 cores), and memory sizes other than 0 in MiB or KiB
 * ({@link bareMemoryReason}: `nodeMemory: 16` is 16 MiB) — each only where `written`, the file's own data, has
 * that same value: a value a `--set` put there is the command line's, which warns of its own.
 *
 * @param input - The data a config was resolved from (the file's, or the file's as edited).
 * @param written - The file's own data.
 */
export function findBareNumbers(input: unknown, written: unknown): BareNumber[] {
  const root = rootSchema();
  const nodeCores = largestNodeCores(input);
  const found: BareNumber[] = [];
  const walk = (value: unknown, nodes: readonly SchemaNode[], path: PathSegment[]): void => {
    if (nodes.length === 0) return;
    if (typeof value === 'number' || typeof value === 'string') {
      if (valueAt(written, path) !== value) return;
      const kinds = nodes.flatMap((node) => alternatives(node, root));
      const duration = kinds.some(isDuration) ? bareDurationReason(value) : null;
      if (duration !== null) {
        found.push({ path, kind: 'duration', reason: duration });
        return;
      }
      const isNodeSize = path[path.length - 1] === 'nodeCpu';
      const cpu = kinds.some(isCpu) ? bareCpuReason(value, isNodeSize ? 'node' : nodeCores) : null;
      if (cpu !== null) found.push({ path, kind: 'cpu', reason: cpu });
      const memory = kinds.some(isMemory) ? bareMemoryAt(path[path.length - 1], value) : null;
      if (memory !== null) found.push({ path, kind: 'memory', reason: memory });
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
 * The schema alternatives of the field at `path` of a scenario file. A segment of digits stands for a list index or a
 * map key alike (`calls.0`).
 */
function fieldAlternatives(path: readonly PathSegment[]): SchemaNode[] {
  const root = rootSchema();
  let nodes: SchemaNode[] = [root];
  for (const segment of path) {
    const asIndex = typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : null;
    nodes = nodes.flatMap((node) => [
      ...children(node, segment, root),
      ...(asIndex === null ? [] : children(node, asIndex, root)),
    ]);
    if (nodes.length === 0) return [];
  }
  return nodes.flatMap((node) => alternatives(node, root));
}

/**
 * Whether the field at `path` of a scenario file is a duration (`timeout`, `retry.perTryTimeout`, …), by the
 * scenario's JSON Schema. A segment of digits stands for a list index or a map key alike (`calls.0`).
 */
export function isDurationField(path: readonly PathSegment[]): boolean {
  return fieldAlternatives(path).some(isDuration);
}

/**
 * The warning for `value` given at `path` (a `--set`'s) when the field is a duration or a memory size and the value a
 * bare number other than 0 — the rule of a file's own ({@link findBareNumbers}: milliseconds, easily meant as seconds;
 * MiB or KiB, where Kubernetes reads bytes) — else null. Neither depends on the rest of the scenario (a CPU quantity's
 * does: {@link bareCpuAt}).
 */
export function bareFieldAt(path: readonly PathSegment[], value: unknown): string | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const kinds = fieldAlternatives(path);
  if (kinds.some(isDuration)) return bareDurationReason(value);
  if (kinds.some(isMemory)) return bareMemoryAt(path[path.length - 1], value);
  return null;
}

/**
 * The warning for `value` given at `path` of data resolved from `input` (a `--set`'s) when the field is a CPU quantity
 * and the value a bare number implausible as cores — the rule of a file's own ({@link findBareNumbers}: a node's size
 * from 1000 cores, a container's from 16 when more than the largest node `input` writes) — else null.
 */
export function bareCpuAt(path: readonly PathSegment[], value: unknown, input: unknown): string | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  if (!fieldAlternatives(path).some(isCpu)) return null;
  const isNodeSize = path[path.length - 1] === 'nodeCpu';
  return bareCpuReason(value, isNodeSize ? 'node' : largestNodeCores(input));
}
