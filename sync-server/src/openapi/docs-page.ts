/**
 * `GET /api/docs`: openapi.json as one self-contained HTML page (no script, no CDN: the server may run on a LAN
 * with no Internet), operations grouped by tag, each a <details> with its parameters, body and responses. Every
 * text from the document is escaped: summaries and descriptions are prose that may hold `<`, `&` or quotes.
 */
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
type Operation = { summary?: string; description?: string; tags?: string[]; parameters?: Parameter[]; requestBody?: { description?: string; content?: Record<string, { schema?: unknown }> }; responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }>; $ref?: string }> };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const CSS = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:60rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;text-transform:capitalize}
details{border:1px solid #c9d1d9;border-radius:6px;margin:.4rem 0}summary{cursor:pointer;padding:.6rem .75rem;overflow-wrap:anywhere}
details>div{padding:0 .75rem .75rem}code,pre{font:14px/1.4 ui-monospace,monospace}
pre{background:#f3f5f7;padding:.5rem;overflow-x:auto;max-height:24rem;margin:.25rem 0}
.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}.get{color:#0a6b2e}.post{color:#0b4fa8}.delete{color:#a4141c}.put{color:#8a4b00}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem .25rem 0;border-bottom:1px solid #e1e4e8;overflow-wrap:anywhere}
.muted{color:#57606a}`;
const CSS_HASH = createHash('sha256').update(CSS).digest('base64');
/** Nothing may load or run but the page's own style (the hash names it). */
export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${CSS_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

// A schema scrolls inside its box; tabindex lets a keyboard scroll it too.
const pretty = (schema: unknown) => `<pre tabindex="0">${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`;

function bodies(content: Record<string, { schema?: unknown }> | undefined): string {
	return Object.entries(content ?? {}).map(([type, c]) => `<p><code>${escapeHtml(type)}</code></p>${c.schema ? pretty(c.schema) : ''}`).join('');
}

function parameters(list: Parameter[]): string {
	const rows = list.map((p) => `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' *' : ''}</td><td>${escapeHtml(p.in)}</td><td><code>${escapeHtml(JSON.stringify(p.schema ?? {}))}</code></td><td>${escapeHtml(p.description)}</td></tr>`);
	return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>schema</th><th>description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function operation(method: string, path: string, op: Operation): string {
	const parts = [op.description ? `<p>${escapeHtml(op.description)}</p>` : ''];
	if (op.parameters?.length) parts.push(parameters(op.parameters));
	if (op.requestBody) parts.push(`<h4>Request body</h4>${op.requestBody.description ? `<p>${escapeHtml(op.requestBody.description)}</p>` : ''}${bodies(op.requestBody.content)}`);
	for (const [status, res] of Object.entries(op.responses ?? {})) {
		const ref = res.$ref ? ` <span class="muted">(${escapeHtml(res.$ref.split('/').pop())}: <code>{"error":{"code","message","details"}}</code>)</span>` : '';
		parts.push(`<h4>Response ${escapeHtml(status)}</h4><p>${escapeHtml(res.description)}${ref}</p>${bodies(res.content)}`);
	}
	const summary = `<span class="m ${escapeHtml(method)}">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code> <span class="muted">${escapeHtml(op.summary)}</span>`;
	return `<details><summary>${summary}</summary><div>${parts.join('')}</div></details>`;
}

export function docsPage(doc: Json): string {
	const info = (doc.info ?? {}) as { title?: string; version?: string; description?: string };
	const byTag = new Map<string, string[]>();
	for (const [path, methods] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
		for (const [method, op] of Object.entries(methods)) {
			const tag = op.tags?.[0] ?? 'other';
			byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op)]);
		}
	}
	const sections = [...byTag].map(([tag, ops]) => `<section><h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops.join('')}</section>`);
	const toc = [...byTag.keys()].map((tag) => `<a href="#${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join(' · ');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} API</title><style>${CSS}</style></head><body><main>
<h1>${escapeHtml(info.title)} API <span class="muted">${escapeHtml(info.version)}</span></h1>
<p>${escapeHtml(info.description)} The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<p class="muted">Authenticate with the <code>kf_session</code> cookie or <code>Authorization: Bearer</code> and an API token. Errors are <code>{"error":{"code","message","details"}}</code>.</p>
<nav aria-label="Tags">${toc}</nav>${sections.join('')}</main></body></html>`;
}
