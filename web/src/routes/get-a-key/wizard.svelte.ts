/**
 * The state of one "Get a key" request as it moves through the portal's steps. Fields live here, not in the step
 * components, so Back and Continue never lose what was typed.
 */
import { Registration, type RequestKeyArgs } from '@keyfield/shared';
import { serialFeedback } from '$lib/codes/code-feedback.ts';

export type Step = 'serial' | 'registration' | 'confirm' | 'result';
export const STEPS: readonly Step[] = ['serial', 'registration', 'confirm', 'result'];

export type RegistrationField = 'company' | 'contactName' | 'email' | 'phone' | 'country';

export interface RegistrationDraft {
	company: string;
	contactName: string;
	email: string;
	phone: string;
	country: string;
}

export function emptyDraft(country = ''): RegistrationDraft {
	return { company: '', contactName: '', email: '', phone: '', country };
}

export function draftFrom(registration: Registration): RegistrationDraft {
	return { ...registration, phone: registration.phone ?? '' };
}

export type RegistrationCheck = { ok: true; value: Registration } | { ok: false; fields: Set<RegistrationField> };

/** The registration as the shared schema reads it, or the fields that are wrong. */
export function checkRegistrationDraft(draft: RegistrationDraft): RegistrationCheck {
	const { phone, ...rest } = draft;
	const parsed = Registration.safeParse({ ...rest, phone: phone.trim() === '' ? undefined : phone });
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, fields: new Set(parsed.error.issues.map((i) => i.path[0] as RegistrationField)) };
}

export class Wizard {
	step = $state<Step>('serial');
	serial = $state('');
	registration = $state<RegistrationDraft>(emptyDraft());
	/** Set after Confirm: the id of the license the queued request creates. */
	queued = $state<string | null>(null);
	/** The "Needs attention" item being corrected, if this request is a retry. */
	retryOf = $state<number | null>(null);

	readonly feedback = $derived(serialFeedback(this.serial));

	checkRegistration(): RegistrationCheck {
		return checkRegistrationDraft(this.registration);
	}

	args(accountId: string, registration: Registration): RequestKeyArgs {
		if (this.feedback.state !== 'valid') throw new Error('serial not checked');
		// A new id each time: a rejected request's id may already be spent on the server.
		return { licenseId: crypto.randomUUID(), accountId, serial: this.feedback.code, registration };
	}

	restart(): void {
		this.step = 'serial';
		this.serial = '';
		this.queued = null;
		this.retryOf = null;
	}
}
