/**
 * `pnpm start`: open the database, migrate, seed an empty one, and serve the API and the PWA on PORT.
 * Several processes may share one Postgres: nothing here holds state another process needs.
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { defaultBlobStore } from './downloads/blob-store.ts';
import { loadConfig } from './config.ts';
import { connectPostgres, openPglite, type DbHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { publishPublicKey } from './keys/keys.routes.ts';
import { loadSigner } from './keys/signing-key.ts';
import { DEMO_PASSWORD, demoSummary, seedIfEmpty, type DemoSeed } from './seed/demo-seed.ts';
import { PokeHub } from './sync/pokes.ts';
import { MailSender } from './mail/sender.ts';
import { describeSmtpUrl, smtpTransport } from './mail/smtp-transport.ts';
import { DeliveryWorker } from './webhooks/delivery-worker.ts';

const config = loadConfig();
const handle: DbHandle = config.databaseUrl ? connectPostgres(config.databaseUrl) : await openPglite(join(config.dataDir, 'pglite'));
await migrateToLatest(handle.db);
const signer = await loadSigner({ envKey: config.signingKey, dataDir: config.dataDir });
await publishPublicKey(handle.db, signer);
const blobs = defaultBlobStore(config.dataDir);
const demo = (config.seed ? await seedIfEmpty(handle.db, signer, blobs) : null) ?? (await demoSummary(handle.db));
const pokes = await PokeHub.start(handle);
const app = createApp({ db: handle.db, signer, pokes, webDir: config.webDir, trustProxy: config.trustProxy, blobs, publicUrl: config.publicUrl, mailViewer: !config.smtpUrl });
// Without SMTP_URL mail stays in the outbox and the development mail viewer (/dev/mail) shows it.
const mailSender = config.smtpUrl ? new MailSender(handle.db, smtpTransport(config.smtpUrl, config.mailFrom)) : null;
mailSender?.start();
// Webhook deliveries left pending by an earlier run (or another process) are picked up from the table.
const webhooks = new DeliveryWorker(handle.db, config.webhookBackoffMs ? { backoffBaseMs: config.webhookBackoffMs } : {}).start();

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
	console.log(`Keyfield is running at http://localhost:${info.port}`);
	console.log(`  database: ${config.databaseUrl ? 'Postgres (DATABASE_URL)' : `embedded PGlite in ${join(config.dataDir, 'pglite')}`}`);
	console.log(`  signing key id: ${signer.kid}`);
	console.log(`  mail: ${config.smtpUrl ? `sent through ${describeSmtpUrl(config.smtpUrl)}` : 'not sent (no SMTP_URL): read it at /dev/mail'}`);
	if (demo) printDemo(demo);
});

function printDemo(seed: DemoSeed) {
	console.log(`\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
	for (const u of seed.users) console.log(`  ${u.email.padEnd(24)} ${u.description}`);
	console.log('\nDemo serial numbers (unregistered):');
	for (const c of seed.certificates) console.log(`  ${c.account}, ${c.sku}: ${c.serials.join('  ')}`);
	console.log('\nDemo vouchers (unredeemed; redeem in the Voucher center, e.g. as partner@northwind.test):');
	for (const v of seed.vouchers) console.log(`  ${v.batch}: ${v.codes.join('  ')}`);
	if (seed.upgradeNotifications.length) console.log('\nDemo upgrade notifications (Version upgrade; get a key for a serial of the SKU first):');
	for (const n of seed.upgradeNotifications) console.log(`  ${n.account}, ${n.sku} -> ${n.targetSku}: ${n.code} (${n.quantity - n.used} of ${n.quantity} seats left)`);
	console.log('\nVendor console (as vendor@keyfield.test): /vendor/entitlements issues certificates (one, or a CSV), vouchers with a QR sheet,');
	console.log('  upgrade notifications, agreements and contracts, and confirms seat orders (Globex has one waiting), renewals and co-terms;');
	console.log('  /vendor/catalog adds products (and their renewal cutoff), seat packages and their prices, releases and their files.');
}

let stopping = false;
async function shutdown() {
	if (stopping) return;
	stopping = true;
	// Whoever embeds this module (the e2e runner) may have its own exit handler; ours only releases resources.
	setTimeout(() => process.exit(0), 5000).unref();
	server.close();
	if ('closeAllConnections' in server) server.closeAllConnections();
	await mailSender?.stop();
	await webhooks.stop();
	await pokes.close();
	await handle.close();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
