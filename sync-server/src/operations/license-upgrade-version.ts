/**
 * "Version upgrade": with an upgrade notification's id, move `quantity` seats of a license to the notification's
 * target product. The old license keeps the rest under a re-signed key (all seats upgraded: it is revoked and
 * keeps no key); a new license (origin 'upgrade', source = the old one) gets the upgraded seats and its own key;
 * the notification counts them. Partial upgrades add up until the notification's quantity is used.
 * A code of another account reads exactly like an unknown one: a notification's existence is never revealed.
 */
import { ErrorCode, UpgradeVersionArgs, describeCodeProblem, signLicenseKey, type CodeProblem } from '@keyfield/shared';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { licenseIdExists, lockLicense, lockNotification, writeUpgrade } from '../db/upgrades.repository.ts';
import type { Signer } from '../keys/signing-key.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';


type KeyFacts = { id: string; accountId: string; sku: string; version: string; seats: number; maintenanceEnd: string; hostId: string | null };

function signKey(signer: Signer, l: KeyFacts): Promise<string> {
	return signLicenseKey(
		{
			v: 1,
			kid: signer.kid,
			lic: l.id,
			acct: l.accountId,
			sku: l.sku,
			ver: l.version,
			seats: l.seats,
			maintEnd: l.maintenanceEnd,
			...(l.hostId ? { host: l.hostId } : {}),
			iat: Math.floor(Date.now() / 1000)
		},
		signer.privateKey
	);
}

const seatsText = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

export const licenseUpgradeVersion = defineOperation({
	name: 'license.upgradeVersion',
	args: UpgradeVersionArgs,

	rejectArgs(error) {
		// Only a typed code that fails its check characters; any other shape is plain invalid_args.
		const issue = error.issues.find((i) => i.path[0] === 'notificationCode');
		const problem = (issue as { params?: { problem?: CodeProblem } } | undefined)?.params?.problem;
		return problem ? new Rejection(ErrorCode.notificationInvalid, describeCodeProblem(problem)) : null;
	},

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'license.upgradeVersion', args.accountId),

	async apply(tx, ctx, args) {
		const notification = await lockNotification(tx, args.accountId, args.notificationCode);
		if (!notification) throw new Rejection(ErrorCode.notificationUnknown, 'This notification id is not known in this workspace. Check it against the notification.');
		if (notification.expired) throw new Rejection(ErrorCode.notificationExpired, 'This upgrade notification has expired.');
		const remaining = notification.quantity - notification.used;
		if (args.quantity > remaining) {
			throw new Rejection(ErrorCode.upgradeQuantityExceeded, `Only ${seatsText(remaining)} remain on this notification.`);
		}
		const license = await lockLicense(tx, args.accountId, args.licenseId);
		if (!license) throw new Rejection(ErrorCode.licenseUnknown, 'This license is not in this workspace any more.');
		if (license.status !== 'active' || license.sku !== notification.sku) {
			throw new Rejection(ErrorCode.licenseNotEligible, 'This notification does not cover this license.');
		}
		if (args.quantity > license.seats) {
			throw new Rejection(ErrorCode.upgradeQuantityExceeded, `This license has only ${seatsText(license.seats)}.`);
		}
		if (await licenseIdExists(tx, args.newLicenseId)) {
			throw new Rejection(ErrorCode.licenseIdTaken, 'This request was already used for another license. Start a new upgrade.');
		}

		const left = license.seats - args.quantity;
		const common = { accountId: args.accountId, maintenanceEnd: license.maintenance_end, hostId: license.host_id };
		const [oldKey, newKey] = await Promise.all([
			// A license with no seats left keeps no valid key: its seats now live in the new license.
			left > 0 ? signKey(ctx.signer, { ...common, id: license.id, sku: license.sku, version: license.product_version, seats: left }) : '',
			signKey(ctx.signer, { ...common, id: args.newLicenseId, sku: notification.target_sku, version: notification.target_version, seats: args.quantity })
		]);
		const registration = JSON.stringify(args.registration);

		await ctx.savepoint();
		const version = ctx.batch.versionTaken(args.accountId) ?? (await bumpAccountVersion(tx, args.accountId));
		await writeUpgrade(tx, {
			accountId: args.accountId,
			version,
			notificationId: notification.id,
			quantity: args.quantity,
			// Fully upgraded: the seat count stays as the record of what moved (a license never has 0 seats).
			old: { id: license.id, seats: left > 0 ? left : license.seats, key: oldKey, status: left > 0 ? 'active' : 'revoked', registration },
			created: {
				id: args.newLicenseId,
				origin: 'upgrade',
				source_id: license.id,
				certificate_id: license.certificate_id,
				serial: null,
				sku: notification.target_sku,
				product_name: notification.target_name,
				product_version: notification.target_version,
				seats: args.quantity,
				maintenance_end: license.maintenance_end,
				key: newKey,
				registration,
				host_id: license.host_id,
				status: 'active',
				fields: JSON.stringify(license.fields)
			}
		});
		ctx.batch.versionUsed(args.accountId, version);
		await recordActivity(tx, {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'license.upgradeVersion',
			details: {
				notificationId: notification.id,
				licenseId: license.id,
				newLicenseId: args.newLicenseId,
				quantity: args.quantity,
				fromVersion: license.product_version,
				toSku: notification.target_sku,
				toVersion: notification.target_version,
				remainingSeats: left
			},
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		return { licenseId: license.id, newLicenseId: args.newLicenseId, remainingSeats: left };
	}
});
