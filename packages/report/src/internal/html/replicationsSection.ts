// The Replications section of a run's HTML report (`meshsim run --replications N --html`): each headline figure as
// mean ± 95 % CI with min and max over the N replications, the verdict counts, and which replication the rest is.

import type { ReplicationSummary } from '@meshsim/analysis';

import { REPLICATION_HEADERS, replicationRows, verdictCounts } from '../../renderReplications.js';
import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';
import { rowHeadedTable } from './htmlTable.js';

/** The section: a note of what the rest of the report is, the verdict counts, then the table of intervals. */
export function replicationsSection(summary: ReplicationSummary): HtmlSection {
  const first = summary.seeds[0];
  const seeds = summary.seeds.map(String).join(', ');
  return {
    id: 'replications',
    title: `Replications (${summary.n})`,
    html:
      `<p>Headline figures over ${summary.n} replications (seeds ${escapeHtml(seeds)}): mean ± 95 % CI (Student t), ` +
      `min and max. The rest of this report — story, diagnosis, charts, graph and tables — is replication 1 ` +
      `(seed ${escapeHtml(String(first))}).</p>\n` +
      `<p>Verdicts: ${escapeHtml(verdictCounts(summary.verdicts, summary.n, summary.lossy))}</p>\n` +
      rowHeadedTable(
        `Headline figures over ${summary.n} replications (mean ± 95 % CI)`,
        REPLICATION_HEADERS,
        replicationRows(summary),
      ),
  };
}
