/**
 * The app shell's first script and CSS, gzip-compressed: what the home page (prerendered `index.html`) loads before
 * anything renders — every modulepreload and stylesheet link it carries, plus the HTML with its inline boot script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function shellSize(buildDir: string): { bytes: number; files: number } {
	const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
	const refs = new Set<string>();
	for (const [link] of html.matchAll(/<link\b[^>]*>/g)) {
		const rel = /\brel="([^"]+)"/.exec(link)?.[1];
		const href = /\bhref="([^"]+)"/.exec(link)?.[1];
		if (href && (rel === 'modulepreload' || rel === 'stylesheet')) refs.add(href);
	}
	let bytes = gzipSync(html).length;
	for (const ref of refs) bytes += gzipSync(readFileSync(join(buildDir, ref.replace(/^\.?\//, '')))).length;
	return { bytes, files: refs.size };
}
