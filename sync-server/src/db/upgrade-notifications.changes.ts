/**
 * The upgrade notifications a pull sends, named as shared `SyncedTables` names them (`changedRows` would name them
 * after the SQL table), with the target product's name and version joined in.
 */
import type { Selectable } from 'kysely';
import { changedRows } from './changes.repository.ts';
import type { UpgradeNotificationsTable } from './field-operations.schema.ts';

type NotificationRow = Selectable<UpgradeNotificationsTable> & { target_name: string; target_version: string };
type Fetch = ReturnType<typeof changedRows>;

// Built on first use: changes.repository.ts imports this file to list it, so building it at import would read
// `changedRows` before that module has run.
let changedNotifications: Fetch | null = null;

export async function upgradeNotificationChanges(...[db, since, limit]: Parameters<Fetch>): ReturnType<Fetch> {
	changedNotifications ??= changedRows<NotificationRow>(
		'upgrade_notifications x join products p on p.sku = x.target_sku',
		'x.*, p.name as target_name, p.product_version as target_version',
		(r) => ({
			id: r.id,
			code: r.code,
			sku: r.sku,
			targetSku: r.target_sku,
			targetName: r.target_name,
			targetVersion: r.target_version,
			quantity: r.quantity,
			used: r.used,
			expiresOn: r.expires_on
		})
	);
	return (await changedNotifications(db, since, limit)).map((c) => ({ ...c, change: { ...c.change, table: 'upgradeNotifications' as const } }));
}
