// The warnings and assumptions of a report as HTML lists (policies a shape cannot enforce, guesses behind
// the numbers), the same text the text summary prints.

import { escapeHtml } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';

/** A titled bullet list, or '' when there is no item. */
export function bulletList(title: string, items: readonly string[], className = ''): string {
  if (items.length === 0) return '';
  const list = items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n');
  return `<h3>${escapeHtml(title)}</h3>\n<ul${className === '' ? '' : ` class="${className}"`}>\n${list}\n</ul>`;
}

/** The notes section: warnings first (what the user must see), then the assumptions. */
export function notesSection(warnings: readonly string[], assumptions: readonly string[]): HtmlSection {
  const parts = [
    bulletList('Warnings', warnings, 'warnings'),
    bulletList('Assumptions', assumptions, 'assumptions'),
  ].filter((part) => part !== '');
  return {
    id: 'notes',
    title: 'Warnings and assumptions',
    html: parts.length === 0 ? '<p>No warning, no assumption.</p>' : parts.join('\n'),
  };
}
