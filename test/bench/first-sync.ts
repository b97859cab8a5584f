/** `pnpm bench:first-sync`: only the first sync of 10,000 licenses in Chromium (for working on that number). */
import { join } from 'node:path';
import { benchFirstSync } from './browser.bench.ts';
import { LICENSES_IN_ACCOUNT } from './pull.bench.ts';
import { seedAccountLicenses } from './seed-licenses.ts';
import { BenchServer } from './server.ts';
import { benchWorkspace } from './workspace.ts';

const server = await BenchServer.start(join(import.meta.dirname, '..', '..', 'web', 'build'));
try {
	const ws = await benchWorkspace(server, 'Bench 10k');
	await seedAccountLicenses(server, ws.accountId, LICENSES_IN_ACCOUNT);
	const result = await benchFirstSync(server, ws.email, LICENSES_IN_ACCOUNT, Number(process.env.BENCH_RUNS ?? 3), { duringInstall: Boolean(process.env.BENCH_DURING_INSTALL) });
	console.log(`first sync of ${LICENSES_IN_ACCOUNT} licenses in Chromium: ${Math.round(result.median)} ms median, ${Math.round(result.p95)} ms p95`);
} finally {
	await server.close();
}
