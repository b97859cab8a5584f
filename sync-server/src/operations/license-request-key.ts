/**
 * "Get a key": register a certificate's serial number into an account and issue a signed license key.
 * Rules: a serial outside the user's reach reads as unknown (its existence is never revealed); registering again
 * into the same account returns the existing license; a boxed certificate is claimed by the first account.
 */
import { ErrorCode, RequestKeyArgs, describeCodeProblem, signLicenseKey, type CodeProblem } from '@keyfield/shared';
import { claimCertificate, lockSerial } from '../db/catalog.repository.ts';
import { licenseAccount, registerLicense } from '../db/licenses.repository.ts';
import { defineOperation, Rejection } from './operation.ts';

const MAY_REQUEST_KEYS = new Set(['admin', 'technician']);

export const licenseRequestKey = defineOperation({
	name: 'license.requestKey',
	args: RequestKeyArgs,

	rejectArgs(error) {
		const issue = error.issues.find((i) => i.path[0] === 'serial');
		if (!issue) return null;
		const problem = (issue as { params?: { problem?: CodeProblem } }).params?.problem;
		return new Rejection(ErrorCode.serialInvalid, problem ? describeCodeProblem(problem) : 'This is not a valid serial number.');
	},

	async authorize(tx, ctx, args) {
		const access = await ctx.batch.access(args.accountId);
		if (!access) throw new Rejection(ErrorCode.accountNotInScope, 'You do not have access to this account any more.');
		const roles = [access.directRole, ...access.partnerRoles];
		if (!roles.some((role) => role !== null && MAY_REQUEST_KEYS.has(role))) {
			throw new Rejection(ErrorCode.notAllowed, 'Only an admin or a technician of this account can request keys.');
		}
	},

	async apply(tx, ctx, args) {
		const serial = await lockSerial(tx, args.serial);
		const owner = serial?.account_id ?? null;
		if (!serial || (owner !== null && owner !== args.accountId && !(await ctx.batch.access(owner)))) {
			throw new Rejection(ErrorCode.serialUnknown, 'This serial number is not known. Check it against the certificate.');
		}
		if (serial.license_id) {
			if ((await licenseAccount(tx, serial.license_id)) === args.accountId) return { licenseId: serial.license_id, existing: true };
			throw new Rejection(ErrorCode.serialAlreadyRegistered, 'This serial number is already registered to another account.');
		}
		if (owner !== null && owner !== args.accountId) {
			throw new Rejection(ErrorCode.notAllowed, 'This serial number belongs to another account you manage: register it there.');
		}

		if (owner === null) await claimCertificate(tx, serial.certificate_id, args.accountId);
		const key = await signLicenseKey(
			{
				v: 1,
				kid: ctx.signer.kid,
				lic: args.licenseId,
				acct: args.accountId,
				sku: serial.sku,
				ver: serial.product_version,
				seats: serial.quantity,
				maintEnd: serial.maintenance_end,
				...(args.hostId ? { host: args.hostId } : {}),
				iat: Math.floor(Date.now() / 1000)
			},
			ctx.signer.privateKey
		);
		const license = {
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
			registration: JSON.stringify(args.registration),
			host_id: args.hostId ?? null,
			status: 'active' as const
		};
		const journal = {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'license.requestKey',
			details: { licenseId: args.licenseId, serial: serial.serial, sku: serial.sku, claimedBoxed: owner === null },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		};
		const version = await registerLicense(tx, license, ctx.batch.versionTaken(args.accountId), journal);
		// Rolled back to the savepoint with the version bump, the journal row and the claim: nothing of this attempt remains.
		if (version === null) throw new Rejection(ErrorCode.licenseIdTaken, 'This request was already used for another license. Start a new request.');
		ctx.batch.versionUsed(args.accountId, version);
		return { licenseId: args.licenseId, existing: false };
	}
});
