import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('config', () => {
	it('defaults paths to the repository, whatever the working directory', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ port: 8787, databaseUrl: undefined, seed: true, trustProxy: false });
		expect(config.dataDir).toBe(join(repoRoot, '.data'));
		expect(config.webDir).toBe(join(repoRoot, 'web', 'build'));
	});

	it('reads the environment', () => {
		const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://x/y', KEYFIELD_SEED: 'none', KEYFIELD_DATA_DIR: '/tmp/kf', KEYFIELD_TRUST_PROXY: '1' });
		expect(config).toMatchObject({ port: 9000, databaseUrl: 'postgres://x/y', seed: false, dataDir: '/tmp/kf', trustProxy: true });
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(loadConfig({ KEYFIELD_WEBHOOK_BACKOFF_MS: '1500' }).webhookBackoffMs).toBe(1500);
		expect(loadConfig({}).webhookBackoffMs).toBeUndefined();
		expect(() => loadConfig({ KEYFIELD_WEBHOOK_BACKOFF_MS: '-1' })).toThrow(/BACKOFF/);
	});
});
