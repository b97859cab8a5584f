/**
 * `/api/dev/mail`: the development mail viewer, served only while no SMTP_URL is configured (mail then never
 * leaves the server, so this is how a demo or a developer reads it). Vendor operators see all mail; an account's
 * admins see the mail of their accounts (their own invitations). With SMTP configured it answers 404.
 */
import type { DevMailList } from '@keyfield/shared';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/authenticate.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { listMail } from './mail.repository.ts';

export function devMailRoutes(db: Kysely<Database>, enabled: boolean) {
	return new Hono<AppEnv>()
		.use(async (_c, next) => {
			if (!enabled) throw notFound('The mail viewer is off: this server sends mail through SMTP.');
			await next();
		})
		.use(requireUser(db))
		.get('/mail', async (c) => {
			const user = c.get('user');
			const adminOf = user.vendor
				? 'all'
				: (await db.selectFrom('memberships').select('account_id').where('user_id', '=', user.id).where('role', '=', 'admin').execute()).map((r) => r.account_id);
			const rows = await listMail(db, adminOf);
			const body: DevMailList = {
				mail: rows.map((r) => ({
					id: r.id,
					accountId: r.account_id,
					to: r.to_address,
					subject: r.subject,
					text: r.body,
					status: r.status,
					createdAt: new Date(r.created_at).toISOString()
				}))
			};
			return c.json(body);
		});
}
