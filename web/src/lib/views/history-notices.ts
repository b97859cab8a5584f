/**
 * "Needs attention" information: someone's edit replaced a value the signed-in user had set (a history row that
 * names them as replaced). Nothing failed, so it reads as information; dismissing it is remembered on this device.
 */
import { liveQuery, type Observable } from 'dexie';
import type { LicenseHistoryRow } from '@keyfield/shared';
import { getDb, type KeyfieldDb } from '../db/db.ts';
import { getMeta } from '../db/meta.ts';

const DISMISSED_PREFIX = 'dismissedNotice:';

export interface HistoryNotice extends LicenseHistoryRow {
	licenseTitle: string | null;
}

export function historyNoticesView(db: KeyfieldDb = getDb()): Observable<HistoryNotice[]> {
	return liveQuery(async () => {
		const user = await getMeta(db, 'user');
		if (!user) return [];
		const rows = await db.license_history.where('replacedUserId').equals(user.id).toArray();
		const dismissed = new Set((await db.meta.where('key').startsWith(DISMISSED_PREFIX).primaryKeys()).map((key) => String(key).slice(DISMISSED_PREFIX.length)));
		const shown = rows.filter((row) => !dismissed.has(row.id)).sort((a, b) => b.at.localeCompare(a.at));
		const licenses = await db.licenses.bulkGet([...new Set(shown.map((r) => r.licenseId))]);
		const titles = new Map(licenses.flatMap((l) => (l ? [[l.id, `${l.productName} ${l.productVersion}`] as const] : [])));
		return shown.map((row) => ({ ...row, licenseTitle: titles.get(row.licenseId) ?? null }));
	});
}

export async function dismissNotice(id: string, db: KeyfieldDb = getDb()): Promise<void> {
	await db.meta.put({ key: DISMISSED_PREFIX + id, value: true });
}
