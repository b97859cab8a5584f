/**
 * The second step of a sign-in, for users with 2-step verification on: a 6-digit code from the app (each time step
 * accepted once) or a recovery code (single use). A wrong code leaves the sign-in attempt counted as a failure, so
 * codes are rate limited with passwords (5 a minute per email and per IP, see rate-limit.ts).
 */
import { ErrorCode } from '@keyfield/shared';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { totpState, useRecoveryCode, useStep } from '../db/security.repository.ts';
import { AppError } from '../errors.ts';
import { hashToken } from './tokens.ts';
import { base32Encode, matchTotp } from './totp.ts';

export const RECOVERY_CODE_COUNT = 10;

/** `xxxxx-xxxxx`: 50 random bits, lower case, typed by a person who lost their phone. */
export function newRecoveryCode(): string {
	const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
	return `${text.slice(0, 5)}-${text.slice(5)}`;
}

export function hashRecoveryCode(code: string): string {
	return hashToken(code.trim().toLowerCase().replace(/[\s-]/g, ''));
}

/** Whether the sign-in may go on: true without 2-step verification, or with a valid code; otherwise throws 401.
 * `missing` (no code sent) is not a failed attempt: the app asks for the code and sends the sign-in again. */
export async function checkSecondStep(db: Kysely<Database>, userId: string, code: string | undefined): Promise<'none' | 'missing' | 'ok'> {
	const totp = await totpState(db, userId);
	if (!totp?.enabled) return 'none';
	if (!code?.trim()) return 'missing';
	const typed = code.trim();
	const step = matchTotp(totp.secret, typed, totp.lastStep);
	if (step !== null && (await useStep(db, userId, step))) return 'ok';
	if (!/^\d{6}$/.test(typed) && (await useRecoveryCode(db, userId, hashRecoveryCode(typed)))) return 'ok';
	throw new AppError(401, ErrorCode.totpInvalid, 'This code is not valid. Type the current 6-digit code from your authenticator app, or one of your recovery codes.');
}

export const totpRequired = () =>
	new AppError(401, ErrorCode.totpRequired, 'Type the 6-digit code from your authenticator app (or a recovery code) to finish signing in.');
