/**
 * Enterprise Flexible release: seats of a license drawn from the agreement go back to it. The license keeps the
 * rest under a re-signed key; when every seat goes back it is revoked (the old key's signature still verifies,
 * but the license is no longer usable: its status says so and no new key is issued for it).
 */
import { ErrorCode, ReleaseArgs } from '@keyfield/shared';
import { lockDrawnLicense, returnSeats, updateDrawnLicense } from '../db/agreements.repository.ts';
import { authorizeIn } from './authorize.ts';
import { openAgreement, recordAgreementChange } from './enterprise-shared.ts';
import { signLicense } from '../keys/sign-license.ts';
import { defineOperation, Rejection } from './operation.ts';

export const enterpriseRelease = defineOperation({
	name: 'enterprise.release',
	args: ReleaseArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'enterprise.release', args.accountId),

	async apply(tx, ctx, args) {
		const { version } = await openAgreement(tx, ctx, args.accountId, args.agreementId);
		const license = await lockDrawnLicense(tx, args.accountId, args.agreementId, args.licenseId);
		if (!license || license.status !== 'active') {
			throw new Rejection(ErrorCode.agreementLicenseUnknown, 'This license was not drawn from this agreement, or its seats were all released already.');
		}
		if (args.seats > license.seats) {
			throw new Rejection(
				ErrorCode.agreementReleaseExceedsSeats,
				`This license holds ${license.seats} ${license.seats === 1 ? 'seat' : 'seats'}; ${args.seats} cannot be released.`
			);
		}
		const seatsLeft = license.seats - args.seats;
		await returnSeats(tx, args.accountId, args.agreementId, license.sku, args.seats);
		if (seatsLeft === 0) {
			await updateDrawnLicense(tx, args.accountId, license.id, { version, status: 'revoked' });
		} else {
			const key = await signLicense(ctx.signer, {
				id: license.id,
				accountId: args.accountId,
				sku: license.sku,
				productVersion: license.product_version,
				seats: seatsLeft,
				maintenanceEnd: license.maintenance_end,
				hostId: license.host_id
			});
			await updateDrawnLicense(tx, args.accountId, license.id, { version, seats: seatsLeft, key });
		}
		await recordAgreementChange(tx, ctx, {
			accountId: args.accountId,
			agreementId: args.agreementId,
			version,
			kind: 'release',
			sku: license.sku,
			seats: args.seats,
			licenseId: license.id,
			details: { seatsLeft }
		});
		return { licenseId: license.id, seatsLeft, revoked: seatsLeft === 0 };
	}
});
