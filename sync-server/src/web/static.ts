/**
 * Serves the built PWA (web/build): files as they are, and the SPA shell (200.html) for any other GET that wants
 * HTML. Hashed assets under /_app/immutable/ are cached for a year; the service worker, manifest and HTML must be
 * revalidated every time, or an update would never reach a device. The build writes .br and .gz copies of its text
 * files; a browser that accepts one gets it, the same bytes a quarter the size.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ErrorCode } from '@keyfield/shared';
import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../http/on-error.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.wasm': 'application/wasm',
	'.map': 'application/json'
};

function cacheControlFor(path: string): string {
	if (path.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	if (/\/(service-worker|sw)\.js$/.test(path) || path.endsWith('.webmanifest') || path.endsWith('.html')) return 'no-cache';
	return 'public, max-age=3600';
}

const ENCODINGS = [
	['br', '.br'],
	['gzip', '.gz']
] as const;

/** The precompressed copy of `file` the request accepts, if the build wrote one. */
function encodedCopy(file: string, acceptEncoding: string | undefined): { path: string; encoding: string } | null {
	const accepted = new Set((acceptEncoding ?? '').split(',').map((e) => e.split(';')[0]!.trim()));
	for (const [encoding, suffix] of ENCODINGS) {
		if (accepted.has(encoding) && existsSync(file + suffix)) return { path: file + suffix, encoding };
	}
	return null;
}

function fileResponse(root: string, file: string, method: string, acceptEncoding: string | undefined): Response {
	const copy = encodedCopy(file, acceptEncoding);
	const sent = copy?.path ?? file;
	const headers: Record<string, string> = {
		'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
		'Content-Length': String(statSync(sent).size),
		'Cache-Control': cacheControlFor(`/${relative(root, file).split(sep).join('/')}`),
		'X-Content-Type-Options': 'nosniff',
		Vary: 'Accept-Encoding'
	};
	if (copy) headers['Content-Encoding'] = copy.encoding;
	const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(sent)) as ReadableStream);
	return new Response(body, { headers });
}

/** Resolves a URL path inside `root`, or null when it escapes it or is not a file. */
function fileFor(root: string, urlPath: string): string | null {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const file = normalize(join(root, decoded));
	if (file !== root && !file.startsWith(root + sep)) return null;
	return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function serveWeb(webDir: string): MiddlewareHandler {
	const root = normalize(webDir);
	return async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		const path = c.req.path;
		const shell = join(root, '200.html');
		if (!existsSync(shell)) {
			return c.json(errorBody(ErrorCode.unavailable, 'The web app is not built: run `pnpm --filter @keyfield/web build` (or `pnpm start`).'), 503);
		}
		const file = fileFor(root, path.endsWith('/') ? `${path}index.html` : path) ?? fileFor(root, `${path}.html`);
		const acceptEncoding = c.req.header('accept-encoding');
		if (file) return fileResponse(root, file, c.req.method, acceptEncoding);
		if (c.req.header('accept')?.includes('text/html')) return fileResponse(root, shell, c.req.method, acceptEncoding);
		return next();
	};
}
