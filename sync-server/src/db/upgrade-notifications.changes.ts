/**
 * The upgrade notifications a pull sends, named as shared `SyncedTables` names them (not after the SQL table), with
 * the target product's name and version joined in.
 */
import type { Selectable } from 'kysely';
import { changedRows } from './change-source.ts';
import type { UpgradeNotificationsTable } from './field-operations.schema.ts';

type NotificationRow = Selectable<UpgradeNotificationsTable> & { target_name: string; target_version: string };

export const upgradeNotificationChanges = changedRows<NotificationRow>(
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
	}),
	{ table: 'upgradeNotifications' }
);
