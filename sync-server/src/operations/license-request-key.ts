/**
 * "Get a key": register a certificate's serial number into an account and issue a signed license key.
 * Rules: a serial outside the user's reach reads as unknown (its existence is never revealed); registering again
 * into the same account returns the existing license; a boxed certificate is claimed by the first account.
 */
import { ErrorCode, RequestKeyArgs, describeCodeProblem, type CodeProblem } from '@keyfield/shared';
import type { z } from 'zod';
import { lockSerials, type LockedSerial } from '../db/catalog.repository.ts';
import { existingLicenseIds, licenseAccount } from '../db/licenses.repository.ts';
import { signLicense } from '../keys/sign-license.ts';
import type { Signer } from '../keys/signing-key.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';
import { webhookEvent } from '../webhooks/events.ts';


type Args = z.output<typeof RequestKeyArgs>;

function signKey(signer: Signer, args: Args, serial: LockedSerial): Promise<string> {
	const { sku, product_version: productVersion, quantity: seats, maintenance_end: maintenanceEnd } = serial;
	return signLicense(signer, { id: args.licenseId, accountId: args.accountId, sku, productVersion, seats, maintenanceEnd, hostId: args.hostId ?? null });
}

/**
 * Keys signed ahead, in `prepare`, for the batch's free serials: signing (WebCrypto, off the main thread) then
 * runs in parallel instead of once per mutation in turn. A key depends only on the args and on what this batch
 * cannot change about the serial (product, seats, maintenance), so it is the key `apply` would sign. A key for a
 * mutation that is then rejected is simply dropped: it was never stored or sent. Keyed by the parsed args object,
 * which `prepare` and `apply` share (see `parseArgs`).
 */
const presigned = new WeakMap<Args, Promise<string>>();

/** Whether each mutation's license id existed when `prepare` looked (keyed like `presigned`). A license committed
 * since with one of these ids makes the batch's write fall short, and the push runs again (see PushBatch). */
const idExisted = new WeakMap<Args, boolean>();

export const licenseRequestKey = defineOperation({
	name: 'license.requestKey',
	args: RequestKeyArgs,

	rejectArgs(error) {
		const issue = error.issues.find((i) => i.path[0] === 'serial');
		if (!issue) return null;
		const problem = (issue as { params?: { problem?: CodeProblem } }).params?.problem;
		return new Rejection(ErrorCode.serialInvalid, problem ? describeCodeProblem(problem) : 'This is not a valid serial number.');
	},

	// The registrations wait in the batch and are written together (see PushBatch): one statement for a run of them.
	batchesWrites: true,

	// The batch's serials locked and its license ids looked up in one round trip each, instead of per mutation.
	async prepare(tx, ctx, argsList) {
		const serials = argsList.map((args) => args.serial);
		ctx.batch.serialsLocked(serials, await lockSerials(tx, serials));
		const existing = await existingLicenseIds(tx, argsList.map((args) => args.licenseId));
		for (const args of argsList) {
			idExisted.set(args, existing.has(args.licenseId));
			const serial = ctx.batch.lockedSerial(args.serial);
			if (!serial || serial.license_id) continue;
			const key = signKey(ctx.signer, args, serial);
			key.catch(() => {}); // awaited (and so reported) only by an `apply` that gets that far
			presigned.set(args, key);
		}
	},

	async authorize(tx, ctx, args) {
		await authorizeIn(ctx, 'license.requestKey', args.accountId);
	},

	async apply(tx, ctx, args) {
		if (ctx.batch.lockedSerial(args.serial) === undefined) ctx.batch.serialsLocked([args.serial], await lockSerials(tx, [args.serial]));
		const serial = ctx.batch.lockedSerial(args.serial);
		const owner = serial?.account_id ?? null;
		if (!serial || (owner !== null && owner !== args.accountId && !(await ctx.batch.access(owner)))) {
			throw new Rejection(ErrorCode.serialUnknown, 'This serial number is not known. Check it against the certificate.');
		}
		if (serial.license_id) {
			// The license may be this batch's, still waiting to be written.
			await ctx.batch.flushWrites();
			if ((await licenseAccount(tx, serial.license_id)) === args.accountId) return { licenseId: serial.license_id, existing: true };
			throw new Rejection(ErrorCode.serialAlreadyRegistered, 'This serial number is already registered to another account.');
		}
		if (owner !== null && owner !== args.accountId) {
			throw new Rejection(ErrorCode.notAllowed, 'This serial number belongs to another account you manage: register it there.');
		}

		const taken = ctx.batch.licenseRegistered(args.licenseId) || (idExisted.get(args) ?? (await existingLicenseIds(tx, [args.licenseId])).size > 0);
		if (taken) throw new Rejection(ErrorCode.licenseIdTaken, 'This request was already used for another license. Start a new request.');

		const key = await (presigned.get(args) ?? signKey(ctx.signer, args, serial));
		// Written with the batch's other registrations; nothing is written now, so no savepoint is needed.
		ctx.batch.registerLicense({
			id: args.licenseId,
			account_id: args.accountId,
			certificate_id: serial.certificate_id,
			serial: serial.serial,
			sku: serial.sku,
			product_name: serial.product_name,
			product_version: serial.product_version,
			seats: serial.quantity,
			maintenance_end: serial.maintenance_end,
			key,
			registration: args.registration,
			host_id: args.hostId ?? null,
			status: 'active',
			claimBoxed: owner === null
		});
		ctx.batch.serialRegistered(serial.serial, args.licenseId, owner === null ? args.accountId : null);
		ctx.batch.journal({
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'license.requestKey',
			details: { licenseId: args.licenseId, serial: serial.serial, sku: serial.sku, claimedBoxed: owner === null },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		ctx.batch.emit(webhookEvent('license.issued', args.accountId, {
			licenseId: args.licenseId, accountId: args.accountId, origin: 'serial', serial: serial.serial, sku: serial.sku,
			productVersion: serial.product_version, seats: serial.quantity, maintenanceEnd: serial.maintenance_end
		}));
		return { licenseId: args.licenseId, existing: false };
	}
});
