/** Settings from the environment (DESIGN §3). Paths default relative to the repository, not the working directory. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type Config = {
	port: number;
	databaseUrl: string | undefined;
	dataDir: string;
	webDir: string;
	signingKey: string | undefined;
	seed: boolean;
	trustProxy: boolean;
	/** SMTP_URL: mail goes out through it; unset, mail stays in the outbox for the development mail viewer. */
	smtpUrl: string | undefined;
	mailFrom: string;
	/** Where people open the app, for links in mail (KEYFIELD_PUBLIC_URL, else http://localhost:PORT). */
	publicUrl: string;
	/** KEYFIELD_WEBHOOK_BACKOFF_MS: the first webhook retry's wait (doubling after); unset, the worker's 30 s. The e2e suite shortens it. */
	webhookBackoffMs: number | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT ?? 8787);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
	const webhookBackoffMs = env.KEYFIELD_WEBHOOK_BACKOFF_MS ? Number(env.KEYFIELD_WEBHOOK_BACKOFF_MS) : undefined;
	if (webhookBackoffMs !== undefined && !(Number.isInteger(webhookBackoffMs) && webhookBackoffMs > 0)) throw new Error(`KEYFIELD_WEBHOOK_BACKOFF_MS must be a positive number of milliseconds, got ${env.KEYFIELD_WEBHOOK_BACKOFF_MS}`);
	return {
		port,
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: resolve(env.KEYFIELD_DATA_DIR ?? join(repoRoot, '.data')),
		webDir: resolve(env.KEYFIELD_WEB_DIR ?? join(repoRoot, 'web', 'build')),
		signingKey: env.KEYFIELD_SIGNING_KEY || undefined,
		seed: env.KEYFIELD_SEED !== 'none',
		trustProxy: env.KEYFIELD_TRUST_PROXY === '1' || env.KEYFIELD_TRUST_PROXY === 'true',
		smtpUrl: env.SMTP_URL || undefined,
		mailFrom: env.MAIL_FROM || 'Keyfield <no-reply@keyfield.test>',
		publicUrl: (env.KEYFIELD_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
		webhookBackoffMs
	};
}
