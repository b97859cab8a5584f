/**
 * Activate a host: bind one seat of a license to a machine and issue the key for that machine. The seat limit holds
 * under concurrency because the seats in use are counted with the license row locked.
 */
import { ActivateHostArgs, ErrorCode } from '@keyfield/shared';
import type { z } from 'zod';
import { activeHosts, insertActivation, type LockedLicense } from '../db/host-activations.repository.ts';
import { journalHostChange, licenseForHosts, rejectHostIdArgs, requireActiveLicense, signHostKey, stampVersion } from './host-access.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof ActivateHostArgs>;
const licenses = new WeakMap<Args, LockedLicense>();

export const hostActivate = defineOperation({
	name: 'host.activate',
	args: ActivateHostArgs,
	rejectArgs: rejectHostIdArgs,

	async authorize(tx, ctx, args) {
		licenses.set(args, await licenseForHosts(tx, ctx, 'host.activate', args.licenseId));
	},

	async apply(tx, ctx, args) {
		const license = licenses.get(args)!;
		requireActiveLicense(license);
		const hosts = await activeHosts(tx, license.id);
		if (hosts.includes(args.hostId)) {
			throw new Rejection(ErrorCode.hostAlreadyActive, `Host ${args.hostId} is already active on this license: its key is on the license page.`);
		}
		if (hosts.length >= license.seats) {
			throw new Rejection(
				ErrorCode.seatsExhausted,
				`All ${license.seats} seats of this license are in use. Deactivate a host on the license page, or move one to new hardware, to free a seat.`
			);
		}

		const key = await signHostKey(ctx.signer, license, args.hostId);
		const version = await stampVersion(tx, ctx, license.account_id);
		const activation = { id: args.activationId, accountId: license.account_id, version, licenseId: license.id, hostId: args.hostId, key, activatedBy: ctx.userId };
		if (!(await insertActivation(tx, activation))) {
			throw new Rejection(ErrorCode.activationIdTaken, 'This activation was already used for another host. Start a new activation.');
		}
		await journalHostChange(tx, ctx, license.account_id, 'host.activate', { licenseId: license.id, activationId: args.activationId, hostId: args.hostId });
		return { activationId: args.activationId };
	}
});
