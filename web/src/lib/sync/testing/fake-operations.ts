/** The fake server's state and its "Get a key", with the rejection codes of the real one. */
import { ErrorCode, Operations, type Change, type LicenseRow, type MutationResult, type Mutation } from '@keyfield/shared';

export interface FakeState {
	log: { accountId: string; change: Change }[];
	serials: Map<string, { accountId: string; sku: string; licenseId: string | null }>;
	licenses: Map<string, LicenseRow>;
	versions: Map<string, number>;
}

/** Appends a change to the log, bumping the account's version like the real server does. */
export function record(state: FakeState, accountId: string, change: Change): void {
	const version = (state.versions.get(accountId) ?? 0) + 1;
	state.versions.set(accountId, version);
	if (change.op === 'put') change.row.version = version;
	state.log.push({ accountId, change });
}

function rejected(id: number, code: string, message: string): MutationResult {
	return { id, status: 'rejected', code, message };
}

export function applyRequestKey(state: FakeState, scope: string[], mutation: Mutation): MutationResult {
	const parsed = Operations['license.requestKey'].safeParse(mutation.args);
	if (mutation.name !== 'license.requestKey') return rejected(mutation.id, ErrorCode.unknownOperation, 'Unknown operation.');
	if (!parsed.success) return rejected(mutation.id, ErrorCode.invalidArgs, 'Invalid arguments.');
	const args = parsed.data;
	if (!scope.includes(args.accountId)) return rejected(mutation.id, ErrorCode.accountNotInScope, 'Not your account.');
	const serial = state.serials.get(args.serial);
	if (!serial || serial.accountId !== args.accountId) {
		return rejected(mutation.id, ErrorCode.serialUnknown, 'This serial number isn’t known for this account.');
	}
	if (serial.licenseId) return rejected(mutation.id, ErrorCode.serialAlreadyRegistered, 'Already registered.');
	serial.licenseId = args.licenseId;
	const row: LicenseRow = {
		id: args.licenseId,
		accountId: args.accountId,
		version: 0,
		certificateId: crypto.randomUUID(),
		sku: serial.sku,
		productName: 'Keyfield Edge Gateway',
		productVersion: '5.2',
		serial: args.serial,
		seats: 1,
		maintenanceEnd: '2027-12-31',
		key: `KF1.fake.${args.licenseId}`,
		registration: args.registration,
		hostId: args.hostId ?? null,
		status: 'active',
		createdAt: new Date().toISOString()
	};
	state.licenses.set(row.id, row);
	record(state, row.accountId, { table: 'licenses', op: 'put', row });
	return { id: mutation.id, status: 'applied', result: { licenseId: row.id, existing: false } };
}
