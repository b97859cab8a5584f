/**
 * What the three host operations share: finding the license (or activation) within the user's reach and locked,
 * the role rule, the account version stamp and the host-bound key.
 */
import { ErrorCode, describeHostIdProblem, hostIdProblemOf, signLicenseKey } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { bumpAccountVersion } from '../db/accounts.repository.ts';
import { recordActivity } from '../db/activity.repository.ts';
import { lockActivation, lockLicense, type LockedLicense } from '../db/host-activations.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Signer } from '../keys/signing-key.ts';
import { authorizeIn } from './authorize.ts';
import { Rejection, type OperationContext } from './operation.ts';

type HostOperation = 'host.activate' | 'host.deactivate' | 'host.move';

export type LockedActivation = NonNullable<Awaited<ReturnType<typeof lockActivation>>>;

/** A typed host id the device should have caught: named, so "Needs attention" says what to fix. */
export function rejectHostIdArgs(error: z.ZodError): Rejection | null {
	const problem = hostIdProblemOf(error);
	return problem ? new Rejection(ErrorCode.hostIdInvalid, describeHostIdProblem(problem)) : null;
}

const licenseUnknown = () => new Rejection(ErrorCode.licenseUnknown, 'This license is not known, or you no longer have access to it.');
const activationUnknown = () => new Rejection(ErrorCode.activationUnknown, 'This host activation is not known, or you no longer have access to it.');

/** The license, locked for this transaction, when the user may manage its hosts. */
export async function licenseForHosts(tx: Kysely<Database>, ctx: OperationContext, operation: HostOperation, licenseId: string): Promise<LockedLicense> {
	const license = await lockLicense(tx, ctx.userId, licenseId);
	if (!license) throw licenseUnknown();
	await authorizeIn(ctx, operation, license.account_id);
	return license;
}

/** The activation and its license, both locked (license first: the order every host write keeps); an activation
 * of another license reads as unknown. */
export async function activationForHosts(tx: Kysely<Database>, ctx: OperationContext, operation: HostOperation, args: { activationId: string; licenseId: string }) {
	const { activationId, licenseId } = args;
	const license = await lockLicense(tx, ctx.userId, licenseId);
	if (!license) throw activationUnknown();
	await authorizeIn(ctx, operation, license.account_id);
	const activation = await lockActivation(tx, activationId, licenseId);
	if (!activation) throw activationUnknown();
	return { license, activation };
}

export function requireActiveLicense(license: LockedLicense): void {
	if (license.status !== 'active') throw new Rejection(ErrorCode.licenseNotActive, 'This license is revoked: its seats cannot be given to hosts.');
}

/** The account version this mutation's rows carry; opens the savepoint first, since a rejection may follow. */
export async function stampVersion(tx: Kysely<Database>, ctx: OperationContext, accountId: string): Promise<number> {
	await ctx.savepoint();
	const version = ctx.batch.versionTaken(accountId) ?? (await bumpAccountVersion(tx, accountId));
	ctx.batch.versionUsed(accountId, version);
	return version;
}

/** The license's key payload with `host`: valid on that machine only. */
export function signHostKey(signer: Signer, license: LockedLicense, hostId: string): Promise<string> {
	return signLicenseKey(
		{
			v: 1,
			kid: signer.kid,
			lic: license.id,
			acct: license.account_id,
			sku: license.sku,
			ver: license.product_version,
			seats: license.seats,
			maintEnd: license.maintenance_end,
			host: hostId,
			iat: Math.floor(Date.now() / 1000)
		},
		signer.privateKey
	);
}

/** The journal row of a host write, in its transaction. */
export function journalHostChange(tx: Kysely<Database>, ctx: OperationContext, accountId: string, action: string, details: Record<string, unknown>): Promise<void> {
	return recordActivity(tx, { userId: ctx.userId, accountId, action, details, ip: ctx.ip, clientId: ctx.clientId, mutationId: ctx.mutationId });
}
