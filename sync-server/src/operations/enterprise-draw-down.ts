/**
 * Enterprise Flexible draw-down: N seats of one of the agreement's products into a new license with a signed key.
 * Rules: the agreement must be in the account (else unknown, never revealing another account's), its term active
 * today, the product one of its own, and the seats within what remains. The cap holds under concurrency: draw-downs
 * on one agreement take turns on its row lock, and the seat count moves only by a conditional update.
 */
import { DrawDownArgs, ErrorCode, agreementActiveOn } from '@keyfield/shared';
import { productSeats, takeSeats, insertDrawnLicense } from '../db/agreements.repository.ts';
import { findProductBySku } from '../db/catalog.repository.ts';
import { authorizeIn } from './authorize.ts';
import { openAgreement, recordAgreementChange } from './enterprise-shared.ts';
import { signLicense } from '../keys/sign-license.ts';
import { defineOperation, Rejection } from './operation.ts';

const seatsWord = (n: number) => (n === 1 ? '1 seat' : `${n} seats`);

export const enterpriseDrawDown = defineOperation({
	name: 'enterprise.drawDown',
	args: DrawDownArgs,

	authorize: (_tx, ctx, args) => authorizeIn(ctx, 'enterprise.drawDown', args.accountId),

	async apply(tx, ctx, args) {
		const { agreement, version } = await openAgreement(tx, ctx, args.accountId, args.agreementId);
		const today = new Date().toISOString().slice(0, 10);
		if (!agreementActiveOn({ startsOn: agreement.starts_on, endsOn: agreement.ends_on }, today)) {
			throw new Rejection(
				ErrorCode.agreementNotActive,
				`The agreement "${agreement.name}" runs from ${agreement.starts_on} to ${agreement.ends_on}: seats can be drawn only within that term.`
			);
		}
		const taken = await takeSeats(tx, args.accountId, args.agreementId, args.sku, args.seats);
		if (!taken) {
			const seats = await productSeats(tx, args.accountId, args.agreementId, args.sku);
			if (!seats) throw new Rejection(ErrorCode.agreementSkuUnknown, `The agreement "${agreement.name}" does not include the product ${args.sku}.`);
			const remaining = seats.seat_cap - seats.seats_used;
			throw new Rejection(
				ErrorCode.agreementCapExceeded,
				`Only ${seatsWord(remaining)} of ${args.sku} remain on "${agreement.name}" (cap ${seats.seat_cap}); ${seatsWord(args.seats)} were asked for.`
			);
		}
		const product = await findProductBySku(tx, args.sku);
		if (!product) throw new Error(`agreement ${args.agreementId} names ${args.sku}, which is not in the catalog`);

		const license = {
			id: args.licenseId,
			accountId: args.accountId,
			sku: product.sku,
			productVersion: product.product_version,
			seats: args.seats,
			maintenanceEnd: agreement.ends_on,
			hostId: null
		};
		const inserted = await insertDrawnLicense(tx, {
			id: license.id,
			account_id: license.accountId,
			version,
			source_id: args.agreementId,
			sku: license.sku,
			product_name: product.name,
			product_version: license.productVersion,
			seats: license.seats,
			maintenance_end: license.maintenanceEnd,
			key: await signLicense(ctx.signer, license),
			registration: JSON.stringify(args.registration ?? agreement.licensee),
			host_id: null,
			status: 'active'
		});
		if (!inserted) throw new Rejection(ErrorCode.licenseIdTaken, 'This request was already used for another license. Start a new draw-down.');
		await recordAgreementChange(tx, ctx, {
			accountId: args.accountId,
			agreementId: args.agreementId,
			version,
			kind: 'draw',
			sku: args.sku,
			seats: args.seats,
			licenseId: args.licenseId,
			details: { seatsUsed: taken.seats_used, seatCap: taken.seat_cap }
		});
		return { licenseId: args.licenseId, seatsRemaining: taken.seat_cap - taken.seats_used };
	}
});
