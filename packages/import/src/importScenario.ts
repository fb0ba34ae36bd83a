// The importer's main entry point: import the inputs, render the scenario as commented YAML and check
// that the scenario loader accepts it.

import { ScenarioError, parseScenario } from '@meshsim/scenario';

import { ImportError } from './ImportError.js';
import type { ImportOptions } from './ImportOptions.js';
import type { ImportWarning } from './ImportWarning.js';
import { importWithFragment } from './importScenarioObject.js';
import { placeScenarioIssue } from './internal/build/placeScenarioIssue.js';
import { renderScenario } from './internal/render/renderScenario.js';

/** What {@link importScenario} returns. */
export interface ImportResult {
  /** The scenario file's text (YAML, with a comment on each imported part). */
  scenario: string;
  /** Every warning (fields not modelled, mappings that lose detail, references to nothing, placeholders) and note (`severity: 'note'`). */
  warnings: ImportWarning[];
}

/**
 * Imports isotope, Kubernetes, Istio and Linkerd files (and directories) into a scenario file.
 *
 * @param paths - Files and directories to import.
 * @param options - See {@link ImportOptions}.
 * @returns The scenario text, which `parseScenario`/`loadScenarioFile` accept, and the warnings.
 * @throws ImportError for unreadable or malformed inputs, inputs with nothing importable, or a scenario
 *   the loader rejects (e.g. a --graph fragment with an unknown field: the issue names the fragment's file, line
 *   and column when the fragment gave the field).
 * @example
 * ```ts
 * const { scenario, warnings } = importScenario(['shop/'], { graph: 'shop-graph.yaml' });
 * writeFileSync('shop.yaml', scenario);
 * for (const w of warnings) console.error(formatImportWarning(w));
 * ```
 */
export function importScenario(paths: readonly string[], options: ImportOptions = {}): ImportResult {
  const { imported, fragment } = importWithFragment(paths, options);
  const text = renderScenario(imported.scenario, imported.comments, imported.header);
  try {
    parseScenario(text, 'imported.yaml');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ImportError(
      error.issues.map((issue) => placeScenarioIssue(issue, imported.scenario, imported.comments, fragment)),
    );
  }
  return { scenario: text, warnings: imported.warnings };
}
