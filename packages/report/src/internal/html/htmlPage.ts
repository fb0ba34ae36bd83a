// Assembles a self-contained HTML report: the sections, the embedded chart data, the inlined libraries,
// browser script and style sheet. Nothing is fetched when the page is opened.

import { escapeHtml, scriptJson, scriptSource } from './escapeHtml.js';
import type { HtmlSection } from './HtmlSection.js';
import { VENDOR_LIBRARIES, reportAsset, vendorBundle } from './pageAssets.js';
import type { ReportData } from './ReportData.js';

/** What a page is made of. */
export interface HtmlPageInput {
  /** The document title and h1. */
  title: string;
  /** One sentence under the title (already escaped HTML). */
  lede: string;
  sections: readonly HtmlSection[];
  data: ReportData;
}

/** The page: deterministic (same input, same bytes), one file, no external resource. */
export function htmlPage(input: HtmlPageInput): string {
  const toc = input.sections
    .map((section) => `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.title)}</a></li>`)
    .join('');
  const sections = input.sections.map(
    (section) =>
      `<section id="${escapeHtml(section.id)}" aria-labelledby="${escapeHtml(section.id)}-heading">\n` +
      `<h2 id="${escapeHtml(section.id)}-heading">${escapeHtml(section.title)}</h2>\n${section.html}\n</section>`,
  );
  const libraries = VENDOR_LIBRARIES.map(
    (library) => `<script>${scriptSource(vendorBundle(library))}</script>`,
  );
  const credits = VENDOR_LIBRARIES.map((library) => `${library.name} (${library.license})`).join(', ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="meshsim">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${reportAsset('report.css').replace(/<\/(style)/gi, '<\\/$1')}</style>`,
    '</head>',
    `<body data-report="${input.data.kind}">`,
    '<a class="skip-link" href="#main">Skip to the report</a>',
    '<header>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    `<p class="lede">${input.lede}</p>`,
    `<nav aria-label="Sections"><ul>${toc}</ul></nav>`,
    '</header>',
    '<main id="main" tabindex="-1">',
    '<noscript><p class="noscript">The charts and the call graph need JavaScript; every number is in the tables.</p></noscript>',
    ...sections,
    '</main>',
    `<footer><p>Made by meshsim. Charts drawn with ${escapeHtml(credits)}, inlined: the page works offline.</p></footer>`,
    `<script type="application/json" id="report-data">${scriptJson(input.data)}</script>`,
    ...libraries,
    `<script>${scriptSource(reportAsset('report.js'))}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
