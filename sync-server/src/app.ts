/**
 * Builds the Hono app from its dependencies, so tests run it in-process with `app.request()` and main.ts serves
 * it. `/api/*` is JSON only (unknown routes included); everything else is the PWA.
 */
import { sameOriginWrites } from './http/same-origin.ts';
import { ErrorCode } from '@keyfield/shared';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql, type Kysely } from 'kysely';
import { adminRoutes } from './admin/admin.routes.ts';
import { voucherAdminRoutes } from './admin/vouchers.routes.ts';
import { enterpriseAdminRoutes } from './admin/enterprise.routes.ts';
import { upgradeRoutes } from './admin/upgrades.routes.ts';
import { ARTIFACT_UPLOAD_PATH, releaseAdminRoutes } from './admin/releases.routes.ts';
import { defaultBlobStore, type BlobStore } from './downloads/blob-store.ts';
import { downloadRoutes } from './downloads/downloads.routes.ts';
import { downloadSecret } from './db/releases.repository.ts';
import { contractAdminRoutes } from './admin/contracts.routes.ts';
import { uploadRoutes } from './proofs/uploads.routes.ts';
import { orderAdminRoutes, packageAdminRoutes } from './admin/seats.routes.ts';
import { accountAdminRoutes } from './admin/accounts.routes.ts';
import { searchAdminRoutes } from './admin/search.routes.ts';
import { securityRoutes } from './auth/security.routes.ts';
import { webhookAdminRoutes } from './admin/webhooks.routes.ts';
import { accountTokenRoutes, vendorTokenRoutes } from './integrations/tokens.routes.ts';
import { v1Routes } from './integrations/v1.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { Database } from './db/schema.ts';
import { notFound } from './errors.ts';
import type { AppEnv } from './http/env.ts';
import { errorBody, onError } from './http/on-error.ts';
import { keysRoutes } from './keys/keys.routes.ts';
import type { Signer } from './keys/signing-key.ts';
import { buildOpenApi } from './openapi/openapi.ts';
import { DOCS_CSP, docsPage } from './openapi/docs-page.ts';
import type { PokeHub } from './sync/pokes.ts';
import { syncRoutes } from './sync/sync.routes.ts';
import { serveWeb } from './web/static.ts';
import { dnsDomainVerifier, type DomainVerifier } from './members/domain-verifier.ts';
import { invitationRoutes } from './members/invitations.routes.ts';
import { devMailRoutes } from './mail/mail.routes.ts';

export type AppDeps = {
	db: Kysely<Database>;
	signer: Signer;
	pokes: PokeHub;
	/** Where the built PWA is; null serves the API only. */
	webDir: string | null;
	trustProxy?: boolean;
	bodyLimitBytes?: number;
	pokeDebounceMs?: number;
	heartbeatMs?: number;
	/** Proof of email domains; only the test harness passes one (a fake): the server always checks DNS. */
	domainVerifier?: DomainVerifier;
	/** Where people open the app, for links in mail. */
	publicUrl?: string;
	/** The development mail viewer (/api/dev/mail): on when no SMTP server is configured. */
	mailViewer?: boolean;
	/** Where artifact bytes live; default: `blobs/` in the data directory. */
	blobs?: BlobStore;
};

export function createApp(deps: AppDeps) {
	const { db, trustProxy = false } = deps;
	const openapi = buildOpenApi();
	const docs = docsPage(openapi);
	const blobs = deps.blobs ?? defaultBlobStore();
	const services = { domains: deps.domainVerifier ?? dnsDomainVerifier(), publicUrl: deps.publicUrl ?? 'http://localhost:8787' };
	let secret: Promise<string> | null = null; // read once per process; a failed read is retried next time
	const jsonLimit = bodyLimit({
		maxSize: deps.bodyLimitBytes ?? 1024 * 1024,
		onError: (c) => c.json(errorBody(ErrorCode.payloadTooLarge, 'The request body is too large.'), 413)
	});
	const api = new Hono<AppEnv>()
		// Artifact uploads stream to the blob store at any size; every other body is JSON and limited.
		.use((c, next) => (ARTIFACT_UPLOAD_PATH.test(c.req.path) ? next() : jsonLimit(c, next)))
		.use((c, next) => (c.set('trustProxy', trustProxy), next()))
		.use(sameOriginWrites(trustProxy))
		.get('/health', async (c) => {
			await sql`select 1`.execute(db);
			return c.json({ ok: true });
		})
		.get('/openapi.json', (c) => c.json(openapi))
		.get('/docs', (c) => c.html(docs, 200, { 'content-security-policy': DOCS_CSP }))
		.route('/auth', authRoutes({ db, trustProxy }))
		.route('/security', securityRoutes(db, trustProxy))
		.route(
			'/sync',
			syncRoutes({ db, signer: deps.signer, services, pokes: deps.pokes, trustProxy, pokeDebounceMs: deps.pokeDebounceMs ?? 50, heartbeatMs: deps.heartbeatMs ?? 25_000 })
		)
		.route('/keys', keysRoutes(db))
		.route('/admin/vouchers', voucherAdminRoutes(db, trustProxy))
		.route('/admin/agreements', enterpriseAdminRoutes(db, trustProxy))
		.route('/admin/upgrade-notifications', upgradeRoutes(db, trustProxy))
		.route('/admin/releases', releaseAdminRoutes(db, blobs, trustProxy))
		.route('/downloads', downloadRoutes({ db, blobs, trustProxy, secret: () => (secret ??= downloadSecret(db).catch((err) => ((secret = null), Promise.reject(err)))) }))
		.route('/uploads', uploadRoutes(db, trustProxy))
		.route('/admin/contracts', contractAdminRoutes(db, deps.signer, trustProxy))
		.route('/invitations', invitationRoutes({ db, trustProxy }))
		.route('/dev', devMailRoutes(db, deps.mailViewer ?? true))
		.route('/admin/packages', packageAdminRoutes(db, trustProxy))
		.route('/admin/orders', orderAdminRoutes(db, trustProxy))
		.route('/admin/tokens', vendorTokenRoutes(db))
		.route('/admin/webhooks', webhookAdminRoutes(db))
		.route('/account/tokens', accountTokenRoutes(db))
		.route('/v1', v1Routes(db))
		.route('/admin/accounts', accountAdminRoutes(db))
		.route('/admin/search', searchAdminRoutes(db))
		.route('/admin', adminRoutes(db, trustProxy))
		.all('*', () => {
			throw notFound('No such API endpoint.');
		});

	const app = new Hono<AppEnv>();
	app.onError(onError);
	app.route('/api', api);
	if (deps.webDir) app.use('*', serveWeb(deps.webDir));
	app.notFound((c) => c.json(errorBody(ErrorCode.notFound, 'Not found.'), 404));
	return app;
}

export type App = ReturnType<typeof createApp>;
