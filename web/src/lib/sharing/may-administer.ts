/**
 * Whether the signed-in user may act as an admin of an account on this device: their role there, or for an
 * account delegated to their partner (role null), being an admin of a partner account. The server decides again.
 */
import type { AccountSummary } from '@keyfield/shared';

export function mayAdminister(accounts: readonly AccountSummary[], accountId: string): boolean {
	const account = accounts.find((a) => a.id === accountId);
	if (!account) return false;
	if (account.role !== null) return account.role === 'admin';
	return accounts.some((a) => a.kind === 'partner' && a.role === 'admin');
}
