// Entry points that read scenario text: from a string, from a file, or by bundled name. YAML and
// JSON are both accepted: a `.json` file must be strict JSON, and is also parsed as YAML 1.2 (of which
// JSON is a subset) for the positions of its fields and the same size and nesting guards.

import { SCENARIO_LIMITS } from '@meshsim/mesh';
import type { SimulationConfig } from '@meshsim/mesh';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import type { Document, LineCounter, YAMLError } from 'yaml';
import { listBundledScenarios } from './bundled.js';
import { lineAndColumn, parseJsonStrict } from './internal/parseJsonStrict.js';
import { parseYamlBounded } from './internal/parseYamlBounded.js';
import { findComplexKey } from './internal/findComplexKey.js';
import { findDuplicateKeys } from './internal/duplicateKeys.js';
import { formatPath } from './internal/path.js';
import { kubernetesManifestHint } from './internal/kubernetesManifestHint.js';
import { createLocator, createWrittenReader } from './internal/positions.js';
import { resolveInput } from './internal/resolveInput.js';
import { rememberSource } from './internal/scenarioSources.js';
import { nearbyScenarioFile } from './internal/nearbyScenarioFile.js';
import { didYouMean, meantHint } from './internal/suggest.js';
import { ScenarioError } from './ScenarioError.js';
import type { ScenarioIssue } from './ScenarioError.js';

/**
 * Parses and validates scenario text (YAML or JSON) and resolves it into a {@link SimulationConfig}.
 *
 * YAML anchors, aliases and merge keys (`<<: *defaults`) are supported. Text named `*.json` is read as
 * strict JSON (RFC 8259: no trailing comma, comment or single quote; a leading byte-order mark is
 * ignored), its syntax errors named at their line and column with JSON.parse's reason. Duplicate keys
 * are errors in both. Hostile input is refused quickly with a reason: text over 16 MiB, maps and lists
 * nested deeper than 64 levels, more than 1000 alias expansions (the size limits of
 * docs/scenario-format.md § Limits).
 *
 * @param text - The file contents.
 * @param fileName - Name used in error messages and, without its extension, as the default `name`;
 *   a `.json` extension selects strict JSON, any other YAML.
 * @returns The resolved configuration, every default applied.
 * @throws ScenarioError listing every problem: syntax errors (with line and column) or, if the
 *   syntax is fine, every schema and cross-reference error (file, field path, reason).
 * @example
 * ```ts
 * const config = parseScenario('services: { api: { serviceTime: 5ms } }\ntraffic: [{ to: api, rate: 100/s }]\n', 'inline.yaml');
 * config.services[0]?.serviceTimeMs; // { kind: 'constant', value: 5 }
 * ```
 */
export function parseScenario(text: string, fileName = 'scenario.yaml'): SimulationConfig {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SCENARIO_LIMITS.fileBytes) throw tooBig(fileName, bytes);
  if (extname(fileName).toLowerCase() === '.json') {
    return parseJsonScenario(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text, fileName);
  }
  const parsed = parseYamlBounded(text, SCENARIO_LIMITS.nestingDepth, { merge: true, uniqueKeys: true });
  const { lineCounter } = parsed;
  if (parsed.kind === 'too-deep') throw tooDeep('YAML', fileName, lineCounter, parsed.offset);
  const { doc } = parsed;
  // Kubernetes manifests given by mistake (several documents, or apiVersion/kind at the top): say to import them.
  const several = doc.errors.some((error) => error.code === 'MULTIPLE_DOCS');
  if (doc.errors.every((error) => error.code === 'MULTIPLE_DOCS')) {
    const hint = kubernetesManifestHint(doc, fileName, several);
    if (hint !== undefined) throw new ScenarioError([{ file: fileName, path: '', reason: hint }]);
  }
  if (doc.errors.length > 0) throw syntaxErrors(doc.errors, 'YAML', fileName, lineCounter, doc);
  if (doc.contents === null) throw new ScenarioError([{ file: fileName, path: '', reason: EMPTY_FILE }]);
  const complexKey = findComplexKey(doc);
  if (complexKey !== null) {
    const { line, col } = lineCounter.linePos(complexKey.offset);
    throw new ScenarioError([
      {
        file: fileName,
        path: '',
        reason: `YAML map key is ${complexKey.kind === 'alias' ? 'an' : 'a'} ${complexKey.kind}: keys are names, not maps, lists or aliases`,
        line,
        column: col,
      },
    ]);
  }
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: SCENARIO_LIMITS.aliases });
  } catch (error) {
    throw new ScenarioError([{ file: fileName, path: '', reason: `YAML error: ${toJsProblem(error)}` }]);
  }
  const config = resolveInput(input, fileName, createLocator(doc, lineCounter), createWrittenReader(doc));
  // Kept aside, so that the config's warnings can name their line (scenarioWarnings).
  return rememberSource(config, fileName, text, input);
}

/** A byte-order mark, as the first character of a file's text (some Windows editors write one). */
const BYTE_ORDER_MARK = '\uFEFF';

/** JSON's whitespace only (no other text). */
const JSON_BLANK = /^[ \t\n\r]*$/;

/**
 * {@link parseScenario} of a `.json` file, its byte-order mark removed: strict JSON (JSON.parse decides
 * what is valid and gives the values), parsed as YAML too for the nesting guard, the positions of the
 * fields in schema errors and duplicate keys (which JSON.parse would let the last one win).
 */
function parseJsonScenario(text: string, fileName: string): SimulationConfig {
  // The bounded parse first: it refuses deep nesting in linear time, before JSON.parse builds it.
  const parsed = parseYamlBounded(text, SCENARIO_LIMITS.nestingDepth, { uniqueKeys: true });
  const { lineCounter } = parsed;
  if (parsed.kind === 'too-deep') throw tooDeep('JSON', fileName, lineCounter, parsed.offset);
  if (JSON_BLANK.test(text)) throw new ScenarioError([{ file: fileName, path: '', reason: EMPTY_FILE }]);
  const strict = parseJsonStrict(text);
  if (strict.kind === 'error') {
    const { line, column } = lineAndColumn(text, strict.offset);
    throw new ScenarioError([
      { file: fileName, path: '', reason: `JSON syntax error: ${strict.reason}`, line, column },
    ]);
  }
  const { doc } = parsed;
  const hint = kubernetesManifestHint(doc, fileName, false);
  if (hint !== undefined) throw new ScenarioError([{ file: fileName, path: '', reason: hint }]);
  const duplicates = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0) throw syntaxErrors(duplicates, 'JSON', fileName, lineCounter, doc);
  const config = resolveInput(
    strict.value,
    fileName,
    createLocator(doc, lineCounter),
    createWrittenReader(doc),
  );
  return rememberSource(config, fileName, text, strict.value);
}

/** The issue of maps and lists nested deeper than the limit, at the `offset` where the parser found it. */
function tooDeep(syntax: string, file: string, lineCounter: LineCounter, offset: number): ScenarioError {
  const { line, col } = lineCounter.linePos(offset);
  return new ScenarioError([
    {
      file,
      path: '',
      reason: `${syntax} nesting deeper than ${SCENARIO_LIMITS.nestingDepth} levels (a scenario nests about 10)`,
      line,
      column: col,
    },
  ]);
}

/** Most syntax errors reported: the ones after them mostly follow from the first. */
const SHOWN_SYNTAX_ERRORS = 3;

/**
 * The issues of a file's syntax errors, in file order (the parser finds some late), the first
 * {@link SHOWN_SYNTAX_ERRORS} of them; the last one shown says how many more there are. A duplicate key names
 * the key, its path and its first occurrence's line (found in `doc`).
 */
function syntaxErrors(
  errors: readonly YAMLError[],
  syntax: string,
  file: string,
  lineCounter: LineCounter,
  doc: Document,
): ScenarioError {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const duplicates = errors.some((error) => error.code === 'DUPLICATE_KEY') ? findDuplicateKeys(doc) : [];
  const issues = sorted.slice(0, SHOWN_SYNTAX_ERRORS).map((error): ScenarioIssue => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const duplicate =
      error.code === 'DUPLICATE_KEY' ? duplicates.find((d) => d.offset === error.pos[0]) : undefined;
    if (duplicate !== undefined) {
      const where =
        duplicate.mapPath.length === 0 ? 'at the top level' : `in ${formatPath(duplicate.mapPath)}`;
      const first = lineCounter.linePos(duplicate.firstOffset);
      return {
        file,
        path: formatPath([...duplicate.mapPath, duplicate.key]),
        reason: `${syntax} syntax error: duplicate key "${duplicate.key}" ${where} (first at line ${first.line}, column ${first.col}): keys must be unique`,
        line,
        column: col,
      };
    }
    return { file, path: '', reason: `${syntax} syntax error: ${error.message}`, line, column: col };
  });
  const more = sorted.length - issues.length;
  const last = issues[issues.length - 1];
  if (more > 0 && last !== undefined) {
    last.reason += ` (and ${more} more after it, often caused by the first: fix that one and check again)`;
  }
  return new ScenarioError(issues);
}

/** The reason given for a file with no document in it (nothing, or only comments): what a scenario needs. */
const EMPTY_FILE =
  'the file is empty (no scenario in it): a scenario needs at least services and traffic, e.g. ' +
  '"services: { api: { serviceTime: 5ms } }" and "traffic: [{ to: api, rate: 100/s }]"';

/** Why `toJS` failed, in words: an alias bomb, nesting too deep through aliases, or the parser's message. */
function toJsProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias count/i.test(message)) {
    return `aliases expand to too much (more than ${SCENARIO_LIMITS.aliases} alias expansions: an alias bomb?)`;
  }
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return `nesting deeper than ${SCENARIO_LIMITS.nestingDepth} levels once aliases are expanded`;
  }
  return message;
}

/** The issue of a file larger than `SCENARIO_LIMITS.fileBytes`. */
function tooBig(file: string, bytes: number): ScenarioError {
  const mib = (n: number): string => `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return new ScenarioError([
    {
      file,
      path: '',
      reason: `the file is ${mib(bytes)}, more than the limit of ${mib(SCENARIO_LIMITS.fileBytes)}`,
    },
  ]);
}

/**
 * Reads a scenario file (`.yaml`, `.yml` or `.json`) and resolves it (see {@link parseScenario}).
 * A file over the size limit is refused before it is read.
 *
 * @param path - File path; error messages name the file exactly as given here.
 * @throws ScenarioError if the file cannot be read or is invalid.
 */
export function loadScenarioFile(path: string): SimulationConfig {
  let text: string;
  try {
    const bytes = statSync(path).size;
    if (bytes > SCENARIO_LIMITS.fileBytes) throw tooBig(path, bytes);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? `file not found${notFoundHint(path)}`
        : code === 'EISDIR'
          ? 'is a directory, not a scenario file (give a .yaml, .yml or .json file)'
          : code === 'EACCES'
            ? 'cannot read file: permission denied'
            : `cannot read file: ${error instanceof Error ? error.message : String(error)}`;
    throw new ScenarioError([{ file: path, path: '', reason }]);
  }
  return parseScenario(text, path);
}

/**
 * What follows `file not found`: the scenario file beside `path` it may stand for (`(did you mean "acme.yaml"?)`),
 * else, for a relative path, the folder it was looked for in — a script runner may have changed the working
 * directory (`(looked in /home/me/repo)`); empty for an absolute path with no suggestion.
 */
function notFoundHint(path: string): string {
  const found = nearbyScenarioFile(path);
  if (found !== undefined) return meantHint([found]);
  return isAbsolute(path) ? '' : ` (looked in ${resolve(dirname(path))})`;
}

/** True if `text` looks like a path rather than a scenario name (a separator or a known extension). */
function looksLikePath(text: string): boolean {
  return /[\\/]/.test(text) || /\.(ya?ml|json)$/i.test(text);
}

/**
 * Loads a bundled scenario by name (`retry-storm`; see {@link listBundledScenarios}) or a scenario
 * file by path. A name without a path separator or extension is looked up among the bundled
 * scenarios first; error messages of bundled scenarios name `<name>.yaml`.
 *
 * @param nameOrPath - A bundled scenario name or a file path.
 * @throws ScenarioError if it is neither a bundled scenario nor an existing file, or is invalid.
 * @example
 * ```ts
 * const config = loadScenario('retry-storm');
 * const mine = loadScenario('./scenarios/my-app.yaml');
 * ```
 */
export function loadScenario(nameOrPath: string): SimulationConfig {
  if (!looksLikePath(nameOrPath)) {
    const bundled = listBundledScenarios();
    const match = bundled.find((scenario) => scenario.name === nameOrPath);
    if (match !== undefined) return parseScenario(readFileSync(match.file, 'utf8'), basename(match.file));
    if (!existsSync(nameOrPath)) {
      const names = bundled.map((scenario) => scenario.name);
      throw new ScenarioError([
        {
          file: nameOrPath,
          path: '',
          reason: `not a bundled scenario nor a file${didYouMean(nameOrPath, names)}; bundled scenarios: ${names.join(', ')}`,
        },
      ]);
    }
  }
  return loadScenarioFile(nameOrPath);
}
