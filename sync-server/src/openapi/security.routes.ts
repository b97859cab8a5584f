/** `/api/security/*` documented: 2-step verification, sessions, the journal chain check. */
import { ErrorCode, JournalCheck, JournalPage, RecoveryCodes, SessionList, TotpCode, TotpEnrolment, TotpStatus } from '@keyfield/shared';
import { z } from 'zod';
import type { RouteDoc } from './routes.ts';

const user = [ErrorCode.unauthorized];
const codeErrors = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.totpInvalid, ErrorCode.rateLimited, ...user];

export const securityRoutes: RouteDoc[] = [
	{ method: 'get', path: '/api/security/totp', summary: "The user's 2-step verification state", tag: 'security', auth: 'user', response: { status: 200, schema: TotpStatus }, errors: user },
	{ method: 'post', path: '/api/security/totp/enrol', summary: 'Start enrolling an authenticator app: a new secret and its otpauth:// URI (for a QR code)', tag: 'security', auth: 'user', response: { status: 200, schema: TotpEnrolment }, errors: [...user, ErrorCode.conflict] },
	{ method: 'post', path: '/api/security/totp/confirm', summary: 'Switch 2-step verification on with a code from the app; returns the recovery codes, shown this once', tag: 'security', auth: 'user', request: TotpCode, response: { status: 200, schema: RecoveryCodes }, errors: [...codeErrors, ErrorCode.totpNotEnrolling] },
	{ method: 'post', path: '/api/security/totp/disable', summary: 'Switch 2-step verification off with a code from the app', tag: 'security', auth: 'user', request: TotpCode, response: { status: 200, schema: z.object({ ok: z.literal(true) }) }, errors: [...codeErrors, ErrorCode.conflict] },
	{ method: 'get', path: '/api/security/sessions', summary: "The user's signed-in devices", tag: 'security', auth: 'user', response: { status: 200, schema: SessionList }, errors: user },
	{ method: 'delete', path: '/api/security/sessions/{id}', summary: 'Sign out one device', tag: 'security', auth: 'user', response: { status: 200, schema: z.object({ ended: z.number().int() }) }, errors: [...user, ErrorCode.validationFailed, ErrorCode.notFound] },
	{ method: 'post', path: '/api/security/sessions/revoke-others', summary: 'Sign out every other device', tag: 'security', auth: 'user', response: { status: 200, schema: z.object({ ended: z.number().int() }) }, errors: user },
	{
		method: 'get', path: '/api/security/journal/verify', summary: "Check an account's activity journal chain (admins of the account; vendors also the chain of rows without an account)", tag: 'security', auth: 'user',
		query: { accountId: { schema: z.uuid().optional(), description: 'the account; omitted: sign-ins and catalog changes (vendors only)' } },
		response: { status: 200, schema: JournalCheck }, errors: [...user, ErrorCode.forbidden, ErrorCode.validationFailed]
	},
	{
		method: 'get', path: '/api/security/journal', summary: "An account's activity journal, newest first, for its admins and vendors (format=csv: a CSV download)", tag: 'security', auth: 'user',
		query: {
			accountId: { schema: z.uuid(), description: 'the account' },
			user: { schema: z.string().optional(), description: 'part of the email of who did it' },
			action: { schema: z.string().optional(), description: 'a type, or its prefix (license.)' },
			from: { schema: z.iso.date().optional(), description: 'first day (UTC)' },
			to: { schema: z.iso.date().optional(), description: 'last day (UTC), inclusive' },
			limit: { schema: z.number().int().min(1).max(1000).optional(), description: 'at most this many rows (200)' },
			format: { schema: z.enum(['json', 'csv']).optional(), description: 'json (default) or csv' }
		},
		response: { status: 200, schema: JournalPage }, errors: [...user, ErrorCode.forbidden, ErrorCode.validationFailed]
	}
];
