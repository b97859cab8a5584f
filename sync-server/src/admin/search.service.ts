/**
 * The console's one search box. The text is read as every kind of identifier it could be: a code of any kind
 * (normalised and checked like the app does: dashes optional, any case, O→0, I/L→1), a license key (KF1.…), a
 * uuid (account, license, user), an email, else the start of an account name. Each hit carries whose it is and
 * its history, so the answer fits one screen.
 */
import { decodeLicenseKey, parseCode, type AccountRef, type SearchHit, type SearchResponse } from '@keyfield/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { licenseJournal, notificationJournal } from '../db/activity-journal.repository.ts';
import { findLicense } from '../db/console-accounts.repository.ts';
import type { Database } from '../db/schema.ts';
import * as find from '../db/search.repository.ts';
import { accountListItem, accountRef, iso, licenseSummary } from './console-rows.ts';

type Db = Kysely<Database>;

const HISTORY = 50;
const NAME_HITS = 10;

async function accountsById(db: Db, ids: (string | null)[]): Promise<Map<string, AccountRef>> {
	const rows = await find.findAccountsByIds(db, [...new Set(ids.filter((id): id is string => id !== null))]);
	return new Map(rows.map((a) => [a.id, accountRef(a)]));
}

async function licenseHit(db: Db, licenseId: string): Promise<SearchHit[]> {
	const license = await findLicense(db, licenseId);
	if (!license) return [];
	const owners = await accountsById(db, [license.account_id]);
	return [{ type: 'license', license: licenseSummary(license), account: owners.get(license.account_id)!, history: await licenseJournal(db, license.id, HISTORY) }];
}

async function serialHit(db: Db, serial: string): Promise<SearchHit[]> {
	const row = await find.findSerial(db, serial);
	if (!row) return [];
	const license = row.license_id ? await findLicense(db, row.license_id) : undefined;
	const certificate = { id: row.certificate_id, sku: row.sku, productName: row.product_name, quantity: row.quantity, maintenanceEnd: row.maintenance_end, createdAt: iso(row.created_at) };
	const account = row.account_id ? accountRef({ id: row.account_id, name: row.account_name!, kind: row.account_kind! }) : null;
	const history = license ? await licenseJournal(db, license.id, HISTORY) : [];
	return [{ type: 'serial', serial: row.serial, certificate, account, license: license ? licenseSummary(license) : null, history }];
}

async function voucherHit(db: Db, code: string): Promise<SearchHit[]> {
	const v = await find.findVoucher(db, code);
	if (!v) return [];
	const accounts = await accountsById(db, [v.restricted_account_id, v.redeemed_account_id]);
	const license = v.license_id ? await findLicense(db, v.license_id) : undefined;
	return [{
		type: 'voucher',
		code: v.code,
		batchId: v.batch_id,
		sku: v.sku,
		productName: v.product_name,
		seats: v.seats,
		expiresOn: v.expires_on,
		state: v.voided_at ? 'void' : v.redeemed_at ? 'redeemed' : 'open',
		restrictedTo: v.restricted_account_id ? (accounts.get(v.restricted_account_id) ?? null) : null,
		redeemedAt: v.redeemed_at ? iso(v.redeemed_at) : null,
		redeemedBy: v.redeemed_by,
		account: v.redeemed_account_id ? (accounts.get(v.redeemed_account_id) ?? null) : null,
		license: license ? licenseSummary(license) : null,
		history: v.license_id ? await licenseJournal(db, v.license_id, HISTORY) : []
	}];
}

async function notificationHit(db: Db, code: string): Promise<SearchHit[]> {
	const n = await find.findNotification(db, code);
	if (!n) return [];
	const accounts = await accountsById(db, [n.account_id]);
	const history = await notificationJournal(db, n.account_id, n.id, HISTORY);
	return [{ type: 'notification', code: n.code, sku: n.sku, targetSku: n.target_sku, quantity: n.quantity, used: n.used, expiresOn: n.expires_on, account: accounts.get(n.account_id)!, history }];
}

async function userHits(db: Db, by: { id: string } | { email: string }): Promise<SearchHit[]> {
	const users = await find.findUsers(db, by);
	const memberships = await find.userMemberships(db, users.map((u) => u.id));
	return users.map((u) => ({
		type: 'user',
		user: { id: u.id, email: u.email, name: u.name, vendor: u.vendor, createdAt: iso(u.created_at) },
		memberships: memberships.filter((m) => m.user_id === u.id).map((m) => ({ account: accountRef(m), role: m.role }))
	}));
}

const accountHits = (rows: Parameters<typeof accountListItem>[0][]): SearchHit[] => rows.map((a) => ({ type: 'account', account: accountListItem(a) }));

/** Every reading of the text that finds something; a code's check characters make two kinds matching one text all but impossible. */
export async function search(db: Db, q: string): Promise<SearchResponse> {
	const text = q.trim();
	const hits: SearchHit[] = [];
	const serial = parseCode('serial', text);
	if (serial.ok) hits.push(...(await serialHit(db, serial.code)));
	const voucher = parseCode('voucher', text);
	if (voucher.ok) hits.push(...(await voucherHit(db, voucher.code)));
	const notification = parseCode('notification', text);
	if (notification.ok) hits.push(...(await notificationHit(db, notification.code)));
	const share = parseCode('share', text);
	if (share.ok) hits.push(...accountHits(await find.findAccountByShareCode(db, share.code)));

	if (/^kf1\./i.test(text)) {
		const payload = decodeLicenseKey(text.replace(/\s+/g, '').replace(/^kf1/i, 'KF1'));
		if (payload) hits.push(...(await licenseHit(db, payload.lic)));
	}
	const uuid = z.uuid().safeParse(text.toLowerCase());
	if (uuid.success) {
		hits.push(...accountHits(await find.findAccountsByIds(db, [uuid.data])));
		hits.push(...(await licenseHit(db, uuid.data)));
		hits.push(...(await userHits(db, { id: uuid.data })));
	}
	if (text.includes('@')) hits.push(...(await userHits(db, { email: text })));
	if (hits.length === 0 && text.length >= 2) hits.push(...accountHits(await find.findAccountsByNamePrefix(db, text, NAME_HITS)));
	return { hits };
}
