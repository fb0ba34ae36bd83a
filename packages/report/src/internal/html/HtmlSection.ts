// A section of an HTML report: a heading, an anchor for the page's table of contents, and its HTML. The
// report kinds (run, compare, and later sweep) are lists of sections; a new kind of content (the verdict
// of @meshsim/analysis, a sweep's maps) is one more section builder.

/** One section of a report page. */
export interface HtmlSection {
  /** Anchor id (`#story`), unique in the page. */
  id: string;
  /** Heading (h2) and table-of-contents entry. */
  title: string;
  /** The section's content (already escaped HTML). */
  html: string;
}
