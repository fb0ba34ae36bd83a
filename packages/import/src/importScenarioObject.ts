// The importer's lower-level entry point: reads the inputs, builds the model and returns the scenario as
// an object (with its comments, the model and the warnings), without rendering or validating it.

import { basename, extname, relative, resolve, sep } from 'node:path';

import { parseRate } from '@meshsim/scenario';
import type { RawScenario } from '@meshsim/scenario';

import { IMPORTABLE_KIND_NAMES } from './importableKinds.js';
import { ImportError } from './ImportError.js';
import type { ImportIssue } from './ImportError.js';
import type { ImportModel } from './ImportModel.js';
import type { ImportOptions } from './ImportOptions.js';
import type { ImportWarning } from './ImportWarning.js';
import type { ScenarioComment } from './ScenarioComment.js';
import { buildScenario } from './internal/build/buildScenario.js';
import { readFragment } from './internal/build/readFragment.js';
import type { Fragment } from './internal/build/readFragment.js';
import { importDocuments } from './internal/importDocuments.js';
import { kindOf } from './internal/kindOf.js';
import { decideMesh } from './internal/mesh/decideMesh.js';
import { ModelBuilder } from './internal/model/ModelBuilder.js';
import { STDIN_ARG, STDIN_NAME, collectFiles } from './internal/source/collectFiles.js';
import { parseSourceFile, parseSourceText } from './internal/source/parseSourceFile.js';
import type { SourceDocument } from './internal/source/SourceDocument.js';
import { WarningLog } from './internal/WarningLog.js';
import { pushAll } from '@meshsim/mesh';

/** What {@link importScenarioObject} returns. */
export interface ImportedScenario {
  /** The scenario, as the object a scenario file holds (not yet validated). */
  scenario: RawScenario;
  /** Where each part came from, as comments to attach when rendering. */
  comments: ScenarioComment[];
  /** Lines of the comment at the top of the rendered file. */
  header: string[];
  /** Everything read, including values the scenario cannot hold yet (CPU and memory requests and limits). */
  model: ImportModel;
  /** Every warning, sorted by file, document and line (warnings about the whole import last). */
  warnings: ImportWarning[];
}

function checkRate(rate: string | number | undefined): void {
  if (rate === undefined) return;
  let perSecond: number;
  try {
    perSecond = parseRate(rate);
  } catch {
    perSecond = Number.NaN;
  }
  if (!(perSecond > 0)) {
    throw new ImportError([
      {
        file: '',
        reason: `invalid rate ${JSON.stringify(rate)}: expected a rate > 0 such as 200/s, 12000/m or 50`,
      },
    ]);
  }
}

function sortWarnings(warnings: ImportWarning[], files: readonly string[]): ImportWarning[] {
  const rank = (w: ImportWarning): number =>
    w.file === '' ? Number.MAX_SAFE_INTEGER : files.indexOf(w.file) + 1 || files.length + 1;
  return warnings
    .map((warning, i) => ({ warning, i }))
    .sort(
      (a, b) =>
        rank(a.warning) - rank(b.warning) ||
        (a.warning.document ?? 0) - (b.warning.document ?? 0) ||
        (a.warning.item ?? -1) - (b.warning.item ?? -1) ||
        (a.warning.line ?? 0) - (b.warning.line ?? 0) ||
        (a.warning.column ?? 0) - (b.warning.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ warning }) => warning);
}

/** Standard input's resources, from its text (`options.stdin`); without the text, an issue. */
function parseStdin(text: string | undefined): ReturnType<typeof parseSourceText> {
  if (text === undefined) {
    return {
      issues: [
        {
          file: STDIN_NAME,
          reason: 'standard input (-) has no text: give it as the stdin option (meshsim import - reads it)',
        },
      ],
    };
  }
  return parseSourceText(text, STDIN_NAME);
}

/** The kinds found in `docs`, for "nothing importable" messages. */
function kindsFound(docs: readonly SourceDocument[]): string {
  const kinds = [...new Set(docs.map((doc) => (doc.kind === '' ? '(no kind)' : doc.kind)))];
  return kinds.length === 0 ? 'no resource' : `kinds ${kinds.join(', ')}`;
}

/**
 * Imports isotope, Kubernetes, Istio and Linkerd files (and directories, recursively) into a scenario
 * object. See docs/import.md for what each kind maps to.
 *
 * @param paths - Files and directories (`*.yaml`, `*.yml`, `*.json`; multi-document YAML is fine); `-` for the
 *   text of `options.stdin` (standard input, shown as `<stdin>`), once.
 * @param options - A `--graph` fragment, the entry-point rate, the scenario's name, how to show paths.
 * @returns The scenario object, its comments, the import model and the warnings.
 * @throws ImportError listing every problem: missing files, YAML syntax errors (file:line:column),
 *   inputs with nothing importable (naming the kinds the importer knows), no service at all.
 * @example
 * ```ts
 * const { scenario, warnings } = importScenarioObject(['k8s/', 'istio.yaml'], { graph: 'graph.yaml' });
 * Object.keys(scenario.services); // ['frontend', 'cart', …]
 * ```
 */
export function importScenarioObject(
  paths: readonly string[],
  options: ImportOptions = {},
): ImportedScenario {
  return importWithFragment(paths, options).imported;
}

/**
 * {@link importScenarioObject}, and the `--graph` fragment it read (for `importScenario`, whose errors name the
 * fragment's lines). Not part of the package's API.
 */
export function importWithFragment(
  paths: readonly string[],
  options: ImportOptions = {},
): { imported: ImportedScenario; fragment: Fragment | undefined } {
  if (paths.length === 0) {
    throw new ImportError([
      { file: '', reason: 'no input: give isotope, Kubernetes, Istio or Linkerd files or directories' },
    ]);
  }
  checkRate(options.rate);
  const base = options.relativeTo;
  const display = (path: string): string =>
    path === STDIN_ARG
      ? STDIN_NAME
      : base === undefined
        ? path
        : relative(base, resolve(path)).split(sep).join('/');

  const { inputs, issues } = collectFiles(paths);
  const warnings = new WarningLog();
  const docsOf = new Map<string, SourceDocument[]>();
  const files: string[] = [];
  for (const input of inputs) {
    for (const file of input.files) {
      const shown = display(file);
      files.push(shown);
      const parsed = file === STDIN_ARG ? parseStdin(options.stdin) : parseSourceFile(file, shown);
      if ('issues' in parsed) {
        pushAll(issues, parsed.issues);
        continue;
      }
      for (const index of parsed.notMappings) {
        warnings.general(shown, `document ${String(index)} is not a mapping (a resource); ignored`);
      }
      docsOf.set(file, parsed.documents);
    }
  }
  const known = new Set(IMPORTABLE_KIND_NAMES);
  const importable = (doc: SourceDocument): boolean => known.has(kindOf(doc));
  for (const input of inputs) {
    const docs = input.files.flatMap((file) => docsOf.get(file) ?? []);
    if (input.files.some((file) => !docsOf.has(file)) || docs.some(importable)) continue;
    const problem: ImportIssue = {
      file: display(input.arg),
      reason: `nothing importable${input.directory ? ` in ${String(input.files.length)} file(s)` : ''}: found ${kindsFound(docs)}; the importer reads ${IMPORTABLE_KIND_NAMES.join(', ')}`,
    };
    issues.push(problem);
  }
  if (issues.length > 0) throw new ImportError(issues);

  const docs = inputs.flatMap((input) => input.files.flatMap((file) => docsOf.get(file) ?? []));
  const builder = new ModelBuilder(warnings);
  const fragment =
    options.graph === undefined ? undefined : readFragment(options.graph, display(options.graph));
  const imported = importDocuments(docs, builder, fragment);
  if (builder.model.services.length === 0) {
    throw new ImportError([
      {
        file: '',
        reason:
          'the inputs define no service (no isotope service, Kubernetes Service, Deployment or StatefulSet, nor a service of the --graph fragment); a scenario needs at least one',
      },
    ]);
  }
  const mesh = decideMesh(builder);
  const firstArg = paths[0] ?? 'imported';
  const defaultName = firstArg === STDIN_ARG ? 'stdin' : basename(resolve(firstArg), extname(firstArg));
  const built = buildScenario({
    builder,
    mesh,
    mtls: imported.mtls,
    fragment,
    rate: options.rate,
    name: options.name,
    defaultName,
    inputs: inputs.map((input) => display(input.arg)),
  });
  if (mesh !== undefined) {
    const mtls = imported.mtls;
    builder.model.mesh = {
      value: mtls === undefined ? { shape: mesh.shape } : { shape: mesh.shape, mtls: mtls.mtls },
      from: mesh.from,
    };
  }
  const result: ImportedScenario = {
    scenario: built.scenario,
    comments: built.comments,
    header: built.header,
    model: builder.model,
    warnings: sortWarnings(warnings.list(), fragment === undefined ? files : [...files, fragment.file]),
  };
  return { imported: result, fragment };
}
