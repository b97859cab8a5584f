/** Vendor API for upgrade notifications: request and response schemas (validation and openapi.json). */
import { IsoDate, Uuid } from '@keyfield/shared';
import { z } from 'zod';

export const CreateNotificationRequest = z.object({
	accountId: Uuid,
	sku: z.string().min(1).max(50), // the product whose licenses may be upgraded
	targetSku: z.string().min(1).max(50), // the catalog product at the new version (create it with POST /api/admin/products first)
	quantity: z.number().int().min(1).max(1_000_000),
	expiresOn: IsoDate // the last day the notification can be used
});

export { CreatedNotification } from '@keyfield/shared';

export const ListNotificationsQuery = z.object({ accountId: Uuid });

export const NotificationListing = z.object({
	notifications: z.array(
		z.object({
			id: Uuid,
			code: z.string(),
			sku: z.string(),
			targetSku: z.string(),
			quantity: z.number().int(),
			used: z.number().int(),
			expiresOn: IsoDate
		})
	)
});
