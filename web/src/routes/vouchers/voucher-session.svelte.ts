/**
 * The redemptions queued on this screen in this browser session, newest first, so the list survives moving between
 * screens and an offline reload (sessionStorage). What happened to each is read from the device (views/redemptions).
 */
export interface Redemption {
	licenseId: string;
	code: string;
	accountId: string;
	userId: string;
	queuedAt: string;
}

const STORAGE_KEY = 'keyfield:voucher-session';

function load(): Redemption[] {
	try {
		const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
		return Array.isArray(stored) ? (stored as Redemption[]) : [];
	} catch {
		return [];
	}
}

class VoucherSession {
	#items = $state<Redemption[]>(typeof sessionStorage === 'undefined' ? [] : load());

	/** The signed-in user's redemptions only: another user of this browser must not see theirs. */
	itemsOf(userId: string): Redemption[] {
		return this.#items.filter((item) => item.userId === userId);
	}

	/** A scanner sees the same voucher many times a second: each code is queued once per session. */
	has(userId: string, code: string): boolean {
		return this.#items.some((item) => item.userId === userId && item.code === code);
	}

	add(item: Redemption): void {
		this.#items = [item, ...this.#items];
		sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.#items));
	}
}

export const voucherSession = new VoucherSession();
