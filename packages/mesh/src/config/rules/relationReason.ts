// Why one field must be at least another (`cpuLimit >= cpuRequest`): the few words an error refusing the pair adds
// after a colon, taken from the relation's source so that the rule table stays the one place that says it.

import type { RuleRelation } from './RuleRow.js';

/**
 * The reason a relation holds, for an error message: the cited source's note (`the API server refuses a request
 * above its limit`) or the assumption's words; undefined when a citation carries no note.
 */
export function relationReason(relation: RuleRelation): string | undefined {
  return 'cite' in relation.source ? relation.source.note : relation.source.assumption;
}
