/**
 * CSRF defence for state-changing requests: a browser says where a request comes from (Origin, or Sec-Fetch-Site),
 * and a write carrying the session cookie is only taken from this app's own pages. Another site's form or script
 * could otherwise make a signed-in person's browser push operations, revoke sessions or mint tokens (SameSite=Lax
 * already stops most of that; this stops the rest, e.g. a sibling subdomain counting as same-site).
 * Requests without a cookie (API tokens in Authorization, integrations, curl) carry no ambient credential and
 * pass; so do requests from clients that send neither header (not a browser).
 */
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../errors.ts';
import type { AppEnv } from './env.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host this request was addressed to, as the browser saw it (behind a trusted proxy: the forwarded host). */
function requestHost(headers: (name: string) => string | undefined, url: string, trustProxy: boolean): string {
	return (trustProxy && headers('x-forwarded-host')?.split(',')[0]?.trim()) || headers('host') || new URL(url).host;
}

export function sameOriginWrites(trustProxy: boolean): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (SAFE.has(c.req.method) || !c.req.header('cookie')) return next();
		const origin = c.req.header('origin');
		if (origin !== undefined) {
			let host: string | null = null;
			try {
				host = origin === 'null' ? null : new URL(origin).host;
			} catch {
				host = null;
			}
			if (host !== requestHost((n) => c.req.header(n), c.req.url, trustProxy)) throw crossSite();
		} else if (c.req.header('sec-fetch-site') === 'cross-site') {
			throw crossSite();
		}
		return next();
	};
}

const crossSite = () => forbidden('This request came from another site. Open Keyfield itself and try again.');
