/**
 * Move a host to new hardware: one mutation ends the old activation and starts the new one with a new key, so the
 * license never holds two seats for one machine and, if anything is rejected, keeps the old binding untouched.
 */
import { ErrorCode, MoveHostArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { activeHosts, deactivate, insertActivation, type LockedLicense } from '../db/host-activations.repository.ts';
import { activationForHosts, journalHostChange, rejectHostIdArgs, requireActiveLicense, signHostKey, stampVersion, type LockedActivation } from './host-access.ts';
import { defineOperation, Rejection } from './operation.ts';

type Args = z.output<typeof MoveHostArgs>;
const targets = new WeakMap<Args, { license: LockedLicense; activation: LockedActivation }>();

export const hostMove = defineOperation({
	name: 'host.move',
	args: MoveHostArgs,
	rejectArgs: rejectHostIdArgs,

	async authorize(tx, ctx, args) {
		targets.set(args, await activationForHosts(tx, ctx, 'host.move', args));
	},

	async apply(tx, ctx, args) {
		const { license, activation } = targets.get(args)!;
		if (activation.deactivated_at !== null) {
			throw new Rejection(ErrorCode.activationNotActive, `Host ${activation.host_id} is no longer active on this license, so there is nothing to move. Activate the new host instead.`);
		}
		requireActiveLicense(license);
		if ((await activeHosts(tx, license.id)).includes(args.newHostId)) {
			throw new Rejection(ErrorCode.hostAlreadyActive, `Host ${args.newHostId} is already active on this license: deactivate ${activation.host_id} instead.`);
		}

		const key = await signHostKey(ctx.signer, license, args.newHostId);
		const version = await stampVersion(tx, ctx, license.account_id);
		const moved = { id: args.newActivationId, accountId: license.account_id, version, licenseId: license.id, hostId: args.newHostId, key, activatedBy: ctx.userId };
		if (!(await insertActivation(tx, moved))) {
			throw new Rejection(ErrorCode.activationIdTaken, 'This move was already used for another host. Start the move again.');
		}
		await deactivate(tx, { id: activation.id, version, deactivatedBy: ctx.userId, movedTo: args.newActivationId });
		await journalHostChange(tx, ctx, license.account_id, 'host.move', {
			licenseId: license.id,
			fromActivationId: activation.id,
			fromHostId: activation.host_id,
			activationId: args.newActivationId,
			hostId: args.newHostId
		});
		return { activationId: args.newActivationId };
	}
});
