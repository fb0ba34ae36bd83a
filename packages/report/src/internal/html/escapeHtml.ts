// Escaping for the HTML report: text and attribute values, and JSON or scripts placed inside <script>.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe as element content or as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** `value` as JSON safe inside a `<script>` element: `<` is written `\u003c`, so no `</script>` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A script's source safe inside a `<script>` element: `</script` is written `<\/script` and `<!--` is
 * written `<\u0021--` (inside a string or a regular expression, the only places they can occur in valid
 * code, both spellings mean the same).
 */
export function scriptSource(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\u0021--');
}
