/**
 * The state of one "Version upgrade" as it moves through the portal's steps: notification id, product (the
 * license to upgrade), quantity, support registration, confirm, key. Kept here so Back never loses what was typed.
 */
import type { Registration, UpgradeVersionArgs } from '@keyfield/shared';
import { codeFeedback } from '$lib/codes/code-feedback.ts';
import { checkRegistrationDraft, draftFrom, emptyDraft, type RegistrationCheck, type RegistrationDraft } from '../get-a-key/wizard.svelte.ts';
import type { LicenseView } from '$lib/views/license-view.ts';

export type UpgradeStep = 'notification' | 'license' | 'quantity' | 'registration' | 'confirm' | 'result';
export const UPGRADE_STEPS: readonly UpgradeStep[] = ['notification', 'license', 'quantity', 'registration', 'confirm', 'result'];

export class UpgradeWizard {
	step = $state<UpgradeStep>('notification');
	code = $state('');
	license = $state<LicenseView | null>(null);
	quantity = $state(1);
	registration = $state<RegistrationDraft>(emptyDraft());
	/** Set after Confirm: the ids of the upgraded license and of the new one. */
	queued = $state<{ licenseId: string; newLicenseId: string } | null>(null);

	readonly feedback = $derived(codeFeedback('notification', this.code));

	/** Choosing a license prefills the registration step with its existing support registration. */
	choose(license: LicenseView): void {
		if (this.license?.id !== license.id) this.registration = draftFrom(license.registration);
		this.license = license;
		this.quantity = Math.min(this.quantity, license.seats ?? 1);
	}

	checkRegistration(): RegistrationCheck {
		return checkRegistrationDraft(this.registration);
	}

	args(accountId: string, registration: Registration): UpgradeVersionArgs {
		if (this.feedback.state !== 'valid' || !this.license) throw new Error('notification or license not chosen');
		// A new id each time: a rejected upgrade's id may already be spent on the server.
		return { accountId, notificationCode: this.feedback.code, licenseId: this.license.id, newLicenseId: crypto.randomUUID(), quantity: this.quantity, registration };
	}

	restart(): void {
		this.step = 'notification';
		this.code = '';
		this.license = null;
		this.quantity = 1;
		this.queued = null;
	}
}
