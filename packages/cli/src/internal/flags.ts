// Flag-value parsers and output writing shared by the commands; errors name the flag and the value.

import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

import { SCENARIO_RULES, SEED_RULE, findRuleRow, meshShapeNames, seedProblem } from '@meshsim/mesh';
import { meshShapeHint, parseDurationMs } from '@meshsim/scenario';

import { CliError, UsageError } from '../CliError.js';
import { fsErrorInWords } from './checkOutputPaths.js';
import type { CliIo } from '../CliIo.js';

/** The string value of flag `name`, or undefined. */
export function stringFlag(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--seed`: a non-negative integer (at most 2^53 − 1, the largest exact integer): an integer seed by `SEED_RULE`. */
export function parseSeed(text: string, command: string): number {
  const value = text.trim();
  const seed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (seedProblem(seed) !== null) {
    const why = /^-\d/.test(value)
      ? 'a seed cannot be negative; '
      : /^\d+$/.test(value)
        ? `too large: at most ${SEED_RULE.maxInteger}; `
        : '';
    throw new UsageError(
      `invalid value for --seed: '${text}' (${why}expected a non-negative integer, e.g. --seed 42)`,
      command,
    );
  }
  return seed;
}

/** The longest run (SCENARIO_RULES `duration`) [ms]. */
const MAX_DURATION_MS = findRuleRow(SCENARIO_RULES, 'duration').max?.value ?? Infinity;

/** A plain decimal share such as `0.05` (NaN for anything else: `1e-2`, `5%`, ` `); callers check its range. */
export function parseShare(text: string): number {
  return /^\s*(\d+(\.\d+)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** `--duration`: a duration > 0 with a unit (a bare number is milliseconds), within the scenario format's bounds. */
export function parseDuration(text: string, command: string): number {
  let durationMs: number;
  let reason = '';
  try {
    durationMs = parseDurationMs(text);
  } catch (error) {
    durationMs = Number.NaN;
    if (error instanceof RangeError && error.message.includes('too long')) reason = 'too long';
    // `1e3ms`: the parser's own reason, which says how to write it (`write 1000ms`).
    const exponent = error instanceof RangeError ? /exponent notation .*$/.exec(error.message) : null;
    if (exponent !== null) reason = exponent[0];
  }
  if (text.trim().startsWith('-')) reason = 'a duration cannot be negative';
  else if (durationMs === 0) reason = 'a duration of 0 simulates nothing';
  else if (durationMs > MAX_DURATION_MS) reason = `longer than the limit of ${MAX_DURATION_MS / 3_600_000}h`;
  if (!(durationMs > 0) || durationMs > MAX_DURATION_MS) {
    throw new UsageError(
      `invalid value for --duration: '${text}' (${reason === '' ? '' : `${reason}; `}expected a duration > 0 such as 500ms, 30s, 2m or 1h)`,
      command,
    );
  }
  return durationMs;
}

/** One mesh shape name. */
export function parseMesh(text: string, command: string): string {
  const shape = meshShapeNames().find((name) => name === text.trim());
  if (shape === undefined) {
    // The hint a scenario file's `mesh:` gets (`istio` → istio-sidecar or istio-ambient); with none, how a shape of
    // one's own is loaded.
    const hint = meshShapeHint(text.trim(), meshShapeNames());
    const own =
      hint === '' ? '; a shape of your own: load the module that registers it with --shape-module FILE' : '';
    throw new UsageError(
      `invalid value for --mesh: '${text}'${hint} (expected one of: ${meshShapeNames().join(', ')}${own})`,
      command,
    );
  }
  return shape;
}

/** A comma-separated list of mesh shapes, no duplicates. */
export function parseMeshList(text: string, command: string): string[] {
  const shapes = text.split(',').map((part) => parseMesh(part, command));
  const seen = new Set<string>();
  for (const shape of shapes) {
    if (seen.has(shape)) throw new UsageError(`--mesh lists '${shape}' twice`, command);
    seen.add(shape);
  }
  return shapes;
}

/** `--html FILE`: a file path (not blank). */
export function parseHtmlPath(text: string, command: string): string {
  if (text.trim() === '')
    throw new UsageError(`invalid value for --html: '${text}' (expected a file path)`, command);
  return text;
}

/** Writes an HTML report to `path`, with a one-line note on stderr. */
export function writeHtmlReport(io: CliIo, path: string, html: string): void {
  try {
    writeFileSync(path, html);
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${fsErrorInWords(error)}`);
  }
  io.stderr.write(`wrote HTML report to ${path}\n`);
}

/**
 * Writes `output` to stdout, or to `out` with a one-line note on stderr. `output` is a text, or lines (each
 * then ended with a newline, read as they are written) written a megabyte at a time: an output larger than
 * one string can hold.
 */
export function writeOutput(
  io: CliIo,
  out: string | undefined,
  label: string,
  output: string | Iterable<string>,
): void {
  const texts = typeof output === 'string' ? [output] : chunks(output);
  if (out === undefined || out === '-') {
    for (const text of texts) io.stdout.write(text);
    return;
  }
  let fd: number | null = null;
  try {
    fd = openSync(out, 'w');
    for (const text of texts) writeSync(fd, text);
  } catch (error) {
    throw new CliError(`cannot write '${out}': ${fsErrorInWords(error)}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  io.stderr.write(`wrote ${label} output to ${out}\n`);
}

/** Characters per piece of a large output. */
const CHUNK_CHARS = 1 << 20;

/** `lines`, each ended with a newline, joined into pieces of about {@link CHUNK_CHARS} characters. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let piece: string[] = [];
  let size = 0;
  for (const line of lines) {
    piece.push(line);
    size += line.length + 1;
    if (size >= CHUNK_CHARS) {
      yield piece.join('\n') + '\n';
      piece = [];
      size = 0;
    }
  }
  if (piece.length > 0) yield piece.join('\n') + '\n';
}
