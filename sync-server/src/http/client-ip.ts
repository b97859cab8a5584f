import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The caller's address for rate limits and the journal. X-Forwarded-For is only believed behind a proxy we were
 * told about (KEYFIELD_TRUST_PROXY), else anyone could rotate it to dodge the per-IP login limit.
 */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
		if (forwarded) return forwarded;
	}
	return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function isHttps(c: Context, trustProxy: boolean): boolean {
	if (trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
	return new URL(c.req.url).protocol === 'https:';
}
