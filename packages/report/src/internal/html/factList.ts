// A list of labelled facts (`<dl class="facts">`): the story's run details and the diagnosis' lines.

import { escapeHtml } from './escapeHtml.js';

/** `<dt>label</dt><dd>text</dd>` pairs in one `<dl class="facts">`; the texts are escaped here. */
export function factList(entries: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">\n${entries
    .map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`)
    .join('\n')}\n</dl>`;
}
