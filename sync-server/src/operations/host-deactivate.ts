/**
 * Deactivate a host: free its seat. The row stays as history (when, by whom). Deactivating a host that is no longer
 * active (someone else did it first, or moved it) is applied as is: the seat is free, which is what was asked.
 */
import { DeactivateHostArgs } from '@keyfield/shared';
import type { z } from 'zod';
import { deactivate } from '../db/host-activations.repository.ts';
import { activationForHosts, journalHostChange, stampVersion, type LockedActivation } from './host-access.ts';
import { defineOperation } from './operation.ts';

type Args = z.output<typeof DeactivateHostArgs>;
const activations = new WeakMap<Args, LockedActivation>();

export const hostDeactivate = defineOperation({
	name: 'host.deactivate',
	args: DeactivateHostArgs,

	async authorize(tx, ctx, args) {
		activations.set(args, (await activationForHosts(tx, ctx, 'host.deactivate', args)).activation);
	},

	async apply(tx, ctx, args) {
		const activation = activations.get(args)!;
		if (activation.deactivated_at !== null) return { activationId: activation.id, alreadyInactive: true };
		const version = await stampVersion(tx, ctx, activation.account_id);
		await deactivate(tx, { id: activation.id, version, deactivatedBy: ctx.userId });
		await journalHostChange(tx, ctx, activation.account_id, 'host.deactivate', {
			licenseId: activation.license_id,
			activationId: activation.id,
			hostId: activation.host_id
		});
		return { activationId: activation.id, alreadyInactive: false };
	}
});
