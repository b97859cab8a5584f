/**
 * Voucher center: redeem a voucher code into a license in an account the user may act in (own or delegated).
 * Rules: single use, race-safe (the voucher row is locked; of two redemptions exactly one applies); a code that
 * does not exist and one restricted to an account the user is not in read the same (`voucher_unknown`); unknown
 * codes count as failed attempts, and too many in a window block redemptions for a while (guessing).
 */
import { ErrorCode, RedeemVoucherArgs, describeCodeProblem, signLicenseKey, type CodeProblem } from '@keyfield/shared';
import type { z } from 'zod';
import { accountName, lockVoucher, redeemIntoLicense, type LockedVoucher } from '../db/vouchers.repository.ts';
import { lockAttempts, recordFailure } from '../db/voucher-attempts.repository.ts';
import { defineOperation, Rejection, type OperationContext } from './operation.ts';
import { authorizeIn } from './authorize.ts';
import { webhookEvent } from '../webhooks/events.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const MAX_FAILED_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_SECONDS = 10 * 60;

type Args = z.output<typeof RedeemVoucherArgs>;

/** The day `months` after `day` (YYYY-MM-DD, UTC), clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, lastDay));
	return target.toISOString().slice(0, 10);
}

/** Refuses while the user has used up the window's failures; says when the window closes. */
async function checkAttempts(tx: Kysely<Database>, userId: string): Promise<void> {
	const attempts = await lockAttempts(tx, userId, ATTEMPT_WINDOW_SECONDS);
	if (!attempts || attempts.failures < MAX_FAILED_ATTEMPTS) return;
	const retryAt = new Date(attempts.windowStart.getTime() + ATTEMPT_WINDOW_SECONDS * 1000).toISOString();
	throw new Rejection(
		ErrorCode.tooManyAttempts,
		`Too many unknown voucher codes were tried. Try again after ${retryAt.slice(0, 16).replace('T', ' ')} UTC.`,
		{ retryAt }
	);
}

/** Written before any savepoint of this mutation, so the rejection that follows does not roll it back. */
async function unknownVoucher(tx: Kysely<Database>, userId: string): Promise<never> {
	await recordFailure(tx, userId, ATTEMPT_WINDOW_SECONDS);
	throw new Rejection(ErrorCode.voucherUnknown, 'This voucher code is not known. Check it against the voucher.');
}

async function alreadyRedeemed(tx: Kysely<Database>, ctx: OperationContext, voucher: LockedVoucher): Promise<never> {
	const redeemedAt = new Date(voucher.redeemed_at!).toISOString();
	// Into which account only when the user can see that account anyway.
	const visible = voucher.redeemed_account_id && (await ctx.batch.access(voucher.redeemed_account_id));
	const into = visible ? await accountName(tx, voucher.redeemed_account_id!) : undefined;
	const when = redeemedAt.slice(0, 16).replace('T', ' ');
	throw new Rejection(
		ErrorCode.voucherAlreadyRedeemed,
		into ? `This voucher was already redeemed on ${when} UTC into ${into}.` : `This voucher was already redeemed on ${when} UTC.`,
		{ redeemedAt, ...(into ? { redeemedInto: into } : {}) }
	);
}

function signKey(ctx: OperationContext, args: Args, voucher: LockedVoucher, maintEnd: string): Promise<string> {
	const payload = {
		v: 1 as const,
		kid: ctx.signer.kid,
		lic: args.licenseId,
		acct: args.accountId,
		sku: voucher.sku,
		ver: voucher.product_version,
		seats: voucher.seats,
		maintEnd,
		iat: Math.floor(Date.now() / 1000)
	};
	return signLicenseKey(payload, ctx.signer.privateKey);
}

export const voucherRedeem = defineOperation({
	name: 'voucher.redeem',
	args: RedeemVoucherArgs,

	rejectArgs(error) {
		const issue = error.issues.find((i) => i.path[0] === 'code');
		if (!issue) return null;
		const problem = (issue as { params?: { problem?: CodeProblem } }).params?.problem;
		return new Rejection(ErrorCode.voucherInvalid, problem ? describeCodeProblem(problem) : 'This is not a valid voucher code.');
	},

	async authorize(tx, ctx, args) {
		await authorizeIn(ctx, 'voucher.redeem', args.accountId);
	},

	async apply(tx, ctx, args) {
		await checkAttempts(tx, ctx.userId);
		const voucher = await lockVoucher(tx, args.code, ctx.userId);
		if (!voucher) return unknownVoucher(tx, ctx.userId);
		// The same redemption sent again (e.g. retried from another device's copy of the queue): its license stands.
		if (voucher.license_id === args.licenseId && voucher.redeemed_account_id === args.accountId) return { licenseId: args.licenseId, existing: true };
		if (voucher.redeemed_at) return alreadyRedeemed(tx, ctx, voucher);
		if (voucher.voided_at) throw new Rejection(ErrorCode.voucherVoid, 'This voucher was withdrawn by the vendor and cannot be redeemed.');
		const today = new Date().toISOString().slice(0, 10);
		if (voucher.expires_on < today) {
			throw new Rejection(ErrorCode.voucherExpired, `This voucher expired: it could be redeemed until ${voucher.expires_on}.`);
		}

		const maintenanceEnd = addMonths(today, voucher.term_months);
		const key = await signKey(ctx, args, voucher, maintenanceEnd);
		const versionTaken = ctx.batch.versionTaken(args.accountId);
		// One statement writes the license and the redemption, both or neither (license id taken);
		// only a version bump is written regardless, so only then is a savepoint needed to undo it.
		if (versionTaken === null) await ctx.savepoint();
		const version = await redeemIntoLicense(
			tx,
			{
				id: args.licenseId,
				account_id: args.accountId,
				sku: voucher.sku,
				product_name: voucher.product_name,
				product_version: voucher.product_version,
				seats: voucher.seats,
				maintenance_end: maintenanceEnd,
				key,
				registration: JSON.stringify(args.registration),
				status: 'active'
			},
			{ id: voucher.id, redeemedBy: ctx.userId },
			versionTaken
		);
		if (version === null) throw new Rejection(ErrorCode.licenseIdTaken, 'This redemption was already used for another license. Scan or type the voucher again.');
		ctx.batch.versionUsed(args.accountId, version);
		ctx.batch.journal({
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'voucher.redeem',
			details: { licenseId: args.licenseId, voucherId: voucher.id, code: voucher.code, sku: voucher.sku, seats: voucher.seats },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		const license = { licenseId: args.licenseId, accountId: args.accountId, sku: voucher.sku, productVersion: voucher.product_version, seats: voucher.seats, maintenanceEnd };
		ctx.batch.emit(webhookEvent('voucher.redeemed', args.accountId, { ...license, voucherId: voucher.id, code: voucher.code }));
		ctx.batch.emit(webhookEvent('license.issued', args.accountId, { ...license, origin: 'voucher', voucherId: voucher.id }));
		return { licenseId: args.licenseId, existing: false };
	}
});
