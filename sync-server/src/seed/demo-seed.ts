/**
 * Demo data for an empty database (DESIGN §3): the people of the quick start, the catalog, and certificates with
 * fresh random serials. Built through the vendor service, exactly as an order system would.
 */
import { sql, type Kysely } from 'kysely';
import * as admin from '../admin/admin.service.ts';
import { listCertificates } from '../db/catalog.repository.ts';
import type { Database } from '../db/schema.ts';
import { countUsers } from '../db/users.repository.ts';
import { demoVoucherSummary, seedDemoVouchers, type DemoVouchers } from './demo-vouchers.ts';
import { seedDemoAgreement } from './demo-enterprise.ts';
import type { Signer } from '../keys/signing-key.ts';
import { seedSharing } from './demo-sharing.ts';
import { demoNotifications, seedUpgradeDemo, type DemoNotification } from './demo-upgrades.ts';
import { seedDemoHosts } from './demo-hosts.ts';
import { seedDemoDownloads, seedExpiredScanLicense } from './demo-downloads.ts';
import { seedDemoTokens } from './demo-integrations.ts';
import { defaultBlobStore, type BlobStore } from '../downloads/blob-store.ts';
import { seedDemoContracts } from './demo-renewals.ts';
import { approveDomainByVendor } from '../members/domains.service.ts';
import { seedDemoSeats } from './demo-seats.ts';

export const DEMO_PASSWORD = 'keyfield-demo';

export type DemoSeed = {
	users: { email: string; description: string }[];
	certificates: { account: string; sku: string; serials: string[] }[];
	vouchers: DemoVouchers;
	upgradeNotifications: DemoNotification[];
};

const DEMO_USERS = [
	{ email: 'vendor@keyfield.test', account: 'Keyfield', role: 'admin', vendor: true, description: 'vendor operator' },
	{ email: 'admin@acme.test', account: 'Acme Field Services', role: 'admin', description: 'admin of Acme Field Services' },
	{ email: 'tech@acme.test', account: 'Acme Field Services', role: 'technician', description: 'technician of Acme' },
	{ email: 'partner@northwind.test', account: 'Northwind Partners', role: 'admin', description: 'admin of Northwind Partners (Acme delegated to it to manage, Initech to view)' },
	{ email: 'admin@globex.test', account: 'Globex Industrial', role: 'admin', description: 'admin of Globex Industrial (not delegated)' }
] as const;

const system: admin.Actor = { userId: null, ip: null };

function yearsFromNow(years: number): string {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() + years);
	return d.toISOString().slice(0, 10);
}

/** `signer`: also register licenses and bind hosts (their keys are signed); tests that count free serials leave it out. */
export async function seedDemo(db: Kysely<Database>, signer?: Signer, blobs: BlobStore = defaultBlobStore()): Promise<DemoSeed> {
	const account = (name: string, kind: admin.CreatableKind) => admin.createAccount(db, system, { name, kind });
	const keyfield = await account('Keyfield', 'vendor');
	const acme = await account('Acme Field Services', 'customer');
	const northwind = await account('Northwind Partners', 'partner');
	const globex = await account('Globex Industrial', 'customer');
	// A second, view-only customer, so Northwind's "your customers" shows both scopes of delegation.
	const initech = await account('Initech Retail', 'customer');
	await admin.createDelegation(db, system, { customerAccountId: acme.id, partnerAccountId: northwind.id });
	// Approved email domains, so their admins can invite colleagues; Globex has none (an invite there says how to approve).
	await approveDomainByVendor(db, system, acme.id, 'acme.test');
	await approveDomainByVendor(db, system, northwind.id, 'northwind.test');
	await admin.createDelegation(db, system, { customerAccountId: initech.id, partnerAccountId: northwind.id, scope: 'read' });

	const ids: Record<(typeof DEMO_USERS)[number]['account'], string> = {
		Keyfield: keyfield.id,
		'Acme Field Services': acme.id,
		'Northwind Partners': northwind.id,
		'Globex Industrial': globex.id
	};
	for (const u of DEMO_USERS) {
		await admin.createUser(db, system, { email: u.email, password: DEMO_PASSWORD, accountId: ids[u.account], role: u.role, vendor: 'vendor' in u });
	}

	for (const [sku, name, version] of [
		['KF-EDGE', 'Keyfield Edge Gateway', '5.2'],
		['KF-VAULT', 'Keyfield Vault', '3.1'],
		['KF-SCAN', 'Keyfield Scanner', '8.0']
	] as const) {
		await admin.createProduct(db, system, { sku, name, version });
	}

	const certificates: DemoSeed['certificates'] = [];
	for (const [label, accountId, sku, quantity, serialCount] of [
		['Acme Field Services', acme.id, 'KF-EDGE', 5, 10],
		['Acme Field Services', acme.id, 'KF-VAULT', 25, 5],
		['Globex Industrial', globex.id, 'KF-SCAN', 3, 5],
		['boxed (no account)', null, 'KF-SCAN', 1, 3]
	] as const) {
		const { serials } = await admin.createCertificate(db, system, { accountId, sku, quantity, maintenanceEnd: yearsFromNow(1), serialCount });
		certificates.push({ account: label, sku, serials });
	}
	const vouchers = await seedDemoVouchers(db, system, northwind.id);
	await seedDemoAgreement(db, system, acme.id);
	await seedSharing(db, signer, { acme: acme.id, globex: globex.id });
	const upgradeNotifications = await seedUpgradeDemo(db, system, acme.id, yearsFromNow(1));
	await seedDemoContracts(db, system, acme.id, certificates);
	await seedDemoSeats(db, system, { acme: acme.id, globex: globex.id });
	const seed = { users: DEMO_USERS.map(({ email, description }) => ({ email, description })), certificates, vouchers, upgradeNotifications };
	if (signer) await seedDemoHosts(db, signer, seed, acme.id);
	await seedDemoDownloads(db, system, blobs);
	await seedDemoTokens(db, acme.id);
	if (signer) await seedExpiredScanLicense(db, system, signer, acme.id);
	return seed;
}

// Any constant both processes agree on; it only has to differ from other advisory locks in this database.
const SEED_LOCK = 7_351_001;

/**
 * Seeds only an empty database, holding an advisory lock on one connection so that two processes starting
 * together against one Postgres seed it once. Returns null when there was something already.
 */
export async function seedIfEmpty(db: Kysely<Database>, signer?: Signer, blobs?: BlobStore): Promise<DemoSeed | null> {
	return db.connection().execute(async (conn) => {
		await sql`select pg_advisory_lock(${SEED_LOCK})`.execute(conn);
		try {
			return (await countUsers(conn)) === 0 ? await seedDemo(conn, signer, blobs) : null;
		} finally {
			await sql`select pg_advisory_unlock(${SEED_LOCK})`.execute(conn);
		}
	});
}

/** On a later start: the demo sign-ins and the demo serials still unregistered, or null when this is not a demo database. */
export async function demoSummary(db: Kysely<Database>): Promise<DemoSeed | null> {
	const vendor = await db.selectFrom('users').select('id').where('email', '=', DEMO_USERS[0].email).executeTakeFirst();
	if (!vendor) return null;
	const accounts = await db.selectFrom('accounts').select(['id', 'name']).where('name', 'in', ['Acme Field Services', 'Globex Industrial']).execute();
	const certificates: DemoSeed['certificates'] = [];
	for (const [label, filter] of [...accounts.map((a) => [a.name, { accountId: a.id }] as const), ['boxed (no account)', { boxed: true }] as const]) {
		for (const c of await listCertificates(db, filter)) {
			const free = c.serials.filter((s) => s.licenseId === null).map((s) => s.serial);
			if (free.length) certificates.push({ account: label, sku: c.sku, serials: free });
		}
	}
	return {
		users: DEMO_USERS.map(({ email, description }) => ({ email, description })),
		certificates,
		vouchers: await demoVoucherSummary(db),
		upgradeNotifications: await demoNotifications(db)
	};
}
