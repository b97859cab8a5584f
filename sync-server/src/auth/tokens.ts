import { createHash, randomBytes } from 'node:crypto';

/** A session or API token: 32 random bytes. Only its SHA-256 is stored, so a leaked table opens no session. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}
