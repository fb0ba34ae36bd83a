// The Diagnosis section of a run's HTML report: the blocks of the text's diagnosis section (verdict and why,
// triggers, goodput per traffic source, sustaining loop, work amplification per call depth, cascade), as
// labelled facts and tables.

import type { Diagnosis } from '@meshsim/analysis';

import type { ColumnContext } from '../../columns/Column.js';
import { diagnosisBlocks } from '../diagnosisLayout.js';
import { factList } from './factList.js';
import { htmlTable } from './htmlTable.js';
import type { HtmlSection } from './HtmlSection.js';

/**
 * The diagnosis as a section, laid out from the same blocks as `renderDiagnosisText`.
 * @param context - The span the run's metrics cover (`columnContext(result)`).
 */
export function diagnosisSection(diagnosis: Diagnosis, context: ColumnContext): HtmlSection {
  return {
    id: 'diagnosis',
    title: 'Diagnosis',
    html: diagnosisBlocks(diagnosis, context)
      .map((block) =>
        block.kind === 'facts'
          ? factList(block.facts)
          : block.layOut((table, keys, rows, title) => htmlTable(table, keys, rows, context, title)),
      )
      .join('\n'),
  };
}
