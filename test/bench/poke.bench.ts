/**
 * Scale-out: device A pushes one "Get a key" through process a; device B, connected to process b's event stream,
 * gets the poke (through Postgres LISTEN/NOTIFY) and pulls the new license. Measured from A's push to B holding
 * the row, and to the poke alone.
 */
import { awaitPoke, pull, push } from './api.ts';
import type { BenchServer } from './server.ts';
import { summarise } from './stats.ts';
import { benchWorkspace, freshSerials, requestKey } from './workspace.ts';

export async function benchPoke(server: BenchServer, samples: number) {
	const ws = await benchWorkspace(server, 'Bench poke');
	const serials = await freshSerials(server, ws.accountId, samples + 1);
	const tokenB = await server.login(ws.email, server.b.url);
	const clientA = crypto.randomUUID();
	const clientB = crypto.randomUUID();
	let cursor = (await pull(server.b.url, tokenB, clientB, null)).cursor;
	const toPoke: number[] = [];
	const toVisible: number[] = [];
	for (let i = 0; i <= samples; i++) {
		const stream = awaitPoke(server.b.url, tokenB);
		await stream.ready;
		const mutation = requestKey(ws.accountId, serials[i]!, i + 1);
		const start = performance.now();
		await push(server.a.url, ws.token, clientA, [mutation]);
		const poked = await stream.poked;
		stream.close();
		const page = await pull(server.b.url, tokenB, clientB, cursor);
		const visible = performance.now();
		cursor = page.cursor;
		if (!page.changes.some((c) => c.op === 'put' && c.row.id === mutation.args.licenseId)) throw new Error('device B did not receive the license');
		if (i === 0) continue;
		toPoke.push(poked - start);
		toVisible.push(visible - start);
	}
	return { poke: summarise(toPoke), visible: summarise(toVisible) };
}
