/** Where a person lands after signing in: admins answer "what expires when" first (the expiry dashboard is their
 * home screen); everyone else starts at the licenses. */
import type { AccountSummary } from '@keyfield/shared';

export function homePath(accounts: readonly Pick<AccountSummary, 'role'>[]): string {
	return accounts.some((a) => a.role === 'admin') ? '/expiry' : '/';
}
