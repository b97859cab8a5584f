/**
 * Initial pull of an account with 10,000 licenses (a new device, cursor null, every page), then — with a million
 * licenses in the database — the incremental pull of 100 changes (one device, its cursor from the previous pull).
 * Times are wall times over loopback HTTP: the server's work plus JSON, as the device would wait for it.
 */
import { sql } from 'kysely';
import { pull, pullAll } from './api.ts';
import { seedAccountLicenses, seedFillerLicenses, touchLicenses } from './seed-licenses.ts';
import type { BenchServer } from './server.ts';
import { summarise, timed } from './stats.ts';
import { benchWorkspace } from './workspace.ts';

export const LICENSES_IN_ACCOUNT = 10_000;
export const LICENSES_IN_DATABASE = Number(process.env.BENCH_LICENSES ?? 1_000_000);

export async function benchInitialPull(server: BenchServer, runs: number) {
	const ws = await benchWorkspace(server, 'Bench 10k');
	await seedAccountLicenses(server, ws.accountId, LICENSES_IN_ACCOUNT);
	const samples: number[] = [];
	for (let run = 0; run <= runs; run++) {
		let changes = 0;
		const ms = await timed(async () => ({ changes } = await pullAll(server.a.url, ws.token, crypto.randomUUID(), null)));
		if (changes < LICENSES_IN_ACCOUNT) throw new Error(`initial pull brought ${changes} changes`);
		if (run > 0) samples.push(ms);
	}
	return { workspace: ws, initialPull: summarise(samples) };
}

export async function benchIncrementalPull(server: BenchServer, ws: { accountId: string; token: string }, samples: number) {
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from licenses`.execute(server.db);
	const perAccount = 1000;
	await seedFillerLicenses(server, Math.ceil((LICENSES_IN_DATABASE - rows[0]!.n) / perAccount), perAccount);
	const clientId = crypto.randomUUID();
	let { cursor } = await pullAll(server.a.url, ws.token, clientId, null);
	const times: number[] = [];
	for (let i = 0; i <= samples; i++) {
		await touchLicenses(server, ws.accountId, 100);
		let changes = 0;
		const ms = await timed(async () => {
			const page = await pull(server.a.url, ws.token, clientId, cursor);
			({ cursor } = page);
			changes = page.changes.length;
		});
		if (changes !== 100) throw new Error(`incremental pull brought ${changes} changes, expected 100`);
		if (i > 0) times.push(ms);
	}
	return summarise(times);
}
