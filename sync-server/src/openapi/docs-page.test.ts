import { describe, expect, it } from 'vitest';
import { docsPage, escapeHtml } from './docs-page.ts';

describe('the /api/docs page', () => {
	it('escapes every text from the document', () => {
		const html = docsPage({
			info: { title: 'K<b>', version: '1', description: 'a & b' },
			paths: { '/api/x/{id}': { get: { summary: '<script>alert(1)</script>', tags: ['t"x'], parameters: [{ name: 'q<', in: 'query', description: "it's" }], responses: { 200: { description: 'OK', content: { 'application/json': { schema: { enum: ['</pre><img src=x>'] } } } } } } } }
		});
		expect(html).not.toMatch(/<script|<img|<b>/);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('id="t&quot;x"');
		expect(html).toContain('q&lt;');
		expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
	});
});
