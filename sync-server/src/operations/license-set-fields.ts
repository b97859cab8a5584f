/**
 * Editing a license's custom data. Edits merge per field: two devices that changed different fields both keep
 * theirs; for one field the edit applied later wins. An edit that replaces a value its editor had not seen (the
 * license's value is not the `seen` the device showed) records whose value it replaced, so the history keeps the
 * old value and that person hears about it. Every change is a history row. A change reaches the accounts the
 * license is shared with (their copy is stamped with a new version of their account).
 */
import { ErrorCode, SetFieldsArgs, fieldValueOf, fieldValueProblem, mergeFieldValues, type FieldValue } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordActivity } from '../db/activity.repository.ts';
import { fieldDefinitions, insertHistory, lastSetters, lockLicenseFields, writeLicenseFields, type NewHistoryRow } from '../db/custom-fields.repository.ts';
import type { Database } from '../db/schema.ts';
import { scopeAccountIds } from '../db/scope.repository.ts';
import { isSharedWithAny, sharesOfLicense, touchSharedLicense } from '../db/sharing.repository.ts';
import { takeVersions, userEmail } from './account-writes.ts';
import { defineOperation, Rejection } from './operation.ts';
import { authorizeIn } from './authorize.ts';

type Args = z.output<typeof SetFieldsArgs>;
type Db = Kysely<Database>;


const PROBLEM_TEXT = {
	not_text: 'expects text',
	too_long: 'is too long',
	not_number: 'expects a number',
	not_date: 'expects a date (YYYY-MM-DD)',
	not_a_choice: 'expects one of its choices'
} as const;

async function validate(tx: Db, args: Args): Promise<void> {
	const definitions = new Map((await fieldDefinitions(tx, args.accountId)).map((d) => [d.name, d]));
	for (const [name, value] of Object.entries(args.values)) {
		const definition = definitions.get(name);
		if (!definition) throw new Rejection(ErrorCode.invalidFieldValue, `"${name}" is not a field of this account (any more).`);
		const problem = fieldValueProblem(definition, value);
		if (problem) throw new Rejection(ErrorCode.invalidFieldValue, `"${name}" ${PROBLEM_TEXT[problem]}.`);
	}
}

/** A license shared with one of the user's accounts is theirs to read only: say so rather than "unknown". */
async function rejectIfSharedWithUser(tx: Db, userId: string, licenseId: string): Promise<void> {
	if (await isSharedWithAny(tx, licenseId, await scopeAccountIds(tx, userId))) {
		throw new Rejection(ErrorCode.licenseReadOnly, 'This license is shared with you to read only: its owner keeps its data.');
	}
}

export const licenseSetFields = defineOperation({
	name: 'license.setFields',
	args: SetFieldsArgs,

	async authorize(tx, ctx, args: Args) {
		if (!(await ctx.batch.access(args.accountId))) await rejectIfSharedWithUser(tx, ctx.userId, args.licenseId);
		await authorizeIn(ctx, 'license.setFields', args.accountId);
	},

	async apply(tx, ctx, args: Args) {
		const license = await lockLicenseFields(tx, args.licenseId, args.accountId);
		if (!license) {
			await rejectIfSharedWithUser(tx, ctx.userId, args.licenseId);
			throw new Rejection(ErrorCode.licenseUnknown, 'This license is not in this account (any more).');
		}
		await validate(tx, args);

		const changed = Object.entries(args.values).filter(([name, value]) => fieldValueOf(license.fields, name) !== value);
		if (changed.length === 0) return { changed: [] };
		const setters = await lastSetters(tx, args.licenseId, args.accountId, changed.map(([name]) => name));
		const shares = await sharesOfLicense(tx, args.licenseId);

		await ctx.savepoint();
		const versions = await takeVersions(tx, ctx, [args.accountId, ...shares.map((s) => s.account_id)]);
		const version = versions.get(args.accountId)!;
		const changedBy = await userEmail(tx, ctx.userId);
		const history: NewHistoryRow[] = changed.map(([field, newValue]) => {
			const oldValue: FieldValue = fieldValueOf(license.fields, field);
			// The device showed something else: this edit replaces a value its editor never saw.
			const replaced = args.seen[field] !== oldValue;
			return {
				id: crypto.randomUUID(),
				accountId: args.accountId,
				version,
				licenseId: args.licenseId,
				field,
				oldValue,
				newValue,
				changedBy,
				changedByUserId: ctx.userId,
				replacedUserId: replaced ? (setters.get(field) ?? null) : null
			};
		});
		await writeLicenseFields(tx, args.licenseId, args.accountId, mergeFieldValues(license.fields, Object.fromEntries(changed)), version);
		await insertHistory(tx, history);
		for (const share of shares) await touchSharedLicense(tx, share.id, share.account_id, versions.get(share.account_id)!);
		await recordActivity(tx, {
			userId: ctx.userId,
			accountId: args.accountId,
			action: 'license.setFields',
			details: { licenseId: args.licenseId, values: Object.fromEntries(changed), replaced: history.filter((h) => h.replacedUserId).map((h) => h.field) },
			ip: ctx.ip,
			clientId: ctx.clientId,
			mutationId: ctx.mutationId
		});
		return { changed: changed.map(([name]) => name) };
	}
});
