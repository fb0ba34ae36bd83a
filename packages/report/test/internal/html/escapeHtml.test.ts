import { describe, expect, it } from 'vitest';

import { escapeHtml, scriptJson, scriptSource } from '../../../src/internal/html/escapeHtml.js';

describe('escapeHtml', () => {
  it('escapes the characters that could open a tag or close an attribute', () => {
    expect(escapeHtml(`<b a="1" b='2'>&</b>`)).toBe('&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;');
  });

  it('keeps JSON and scripts from closing their <script> element, without changing what they mean', () => {
    const json = scriptJson({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
    const source = scriptSource('const a = "</script>"; const b = "<!--";');
    expect(source).not.toMatch(/<\/script|<!--/i);
    expect(new Function(`${source} return a + b;`)()).toBe('</script><!--');
  });
});
