/**
 * Defining a custom field for an account's licenses (name, type, choices). Admins only: the definitions are the
 * account's shared vocabulary. A name is unique per account whatever its case, since values are kept by name.
 */
import { DefineFieldArgs, ErrorCode } from '@keyfield/shared';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { insertFieldDefinition } from '../db/custom-fields.repository.ts';
import { takeVersion } from './account-writes.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';

type Args = z.output<typeof DefineFieldArgs>;

export const fieldsDefine = defineOperation({
	name: 'fields.define',
	args: DefineFieldArgs,

	async authorize(_tx, ctx, args: Args) {
		await authorizeIn(ctx, 'fields.define', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		await ctx.savepoint(); // a unique violation aborts the statement's transaction up to here
		const version = await takeVersion(tx, ctx, args.accountId);
		const outcome = await insertFieldDefinition(tx, { id: args.fieldId, accountId: args.accountId, version, name: args.name, type: args.type, choices: args.choices });
		if (outcome === 'name_taken') throw new Rejection(ErrorCode.fieldNameTaken, `This account already has a field named "${args.name}".`);
		if (outcome === 'id_taken') throw new Rejection(ErrorCode.fieldIdTaken, 'This request was already used for another field. Define it again.');
		await recordActivity(tx, {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'fields.define',
			details: { fieldId: args.fieldId, name: args.name, type: args.type, choices: args.choices },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		return { fieldId: args.fieldId };
	}
});
