/**
 * Reminders as words ("Keyfield Vault (Acme): maintenance ends in 7 days"), shown in the app and, where the person
 * allowed it, as system notifications through the service worker, each once per device (notified.ts).
 */
import { m } from '$lib/paraglide/messages.js';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { formatRelativeDay } from '../i18n/format.ts';
import { loadContractViews, userToday, type ContractView } from '../views/contracts.ts';
import { claimUnshown, reminderKey } from './notified.ts';

export interface ReminderNotice {
	key: string;
	contractId: string;
	text: string;
}

export function noticeText(view: ContractView, now: Date = new Date()): string {
	const args = { product: view.contract.productName, workspace: view.accountName, when: formatRelativeDay(view.contract.endsOn, now) };
	return view.daysLeft < 0 ? m.renewals_notice_ended(args) : m.renewals_notice_ends(args);
}

/** The reminders due now, soonest end first. */
export function reminderNotices(views: readonly ContractView[], now: Date = new Date()): ReminderNotice[] {
	return views
		.filter((v) => v.reminder !== null)
		.map((v) => ({
			key: reminderKey(v),
			contractId: v.contract.id,
			text: noticeText(v, now)
		}));
}

export type ShowNotification = (title: string, options: NotificationOptions) => Promise<void>;

/** Shows each due reminder not shown before on this device; returns how many were shown. */
export async function notifyReminders(show: ShowNotification, db: KeyfieldDb = getDb(), today: string = userToday(), now: Date = new Date()): Promise<number> {
	const notices = reminderNotices(await loadContractViews(db, await db.contracts.toArray(), today), now);
	const unshown = await claimUnshown(db, notices.map((n) => n.key), now);
	for (const notice of notices.filter((n) => unshown.has(n.key))) {
		await show(m.renewals_reminder_title(), { body: notice.text, tag: notice.key, data: { url: `/expiry/${notice.contractId}` }, icon: '/icon-192.png' });
	}
	return unshown.size;
}

export const notificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window && 'serviceWorker' in navigator;

/** When the app opens and after each sync: notify what is due, if the person allowed notifications. */
export async function checkReminderNotifications(): Promise<void> {
	if (!notificationsSupported() || Notification.permission !== 'granted') return;
	const registration = await navigator.serviceWorker.getRegistration();
	if (!registration) return;
	await notifyReminders((title, options) => registration.showNotification(title, options));
}
