/**
 * Push of 1,000 queued `license.requestKey` ops (fresh serials) in the app's own batches of 100, one device, over
 * HTTP; then the same 1,000 again (every one a duplicate: stored results). Throughput per run in ops/s.
 */
import { MAX_MUTATIONS_PER_PUSH } from '@keyfield/shared';
import { push } from './api.ts';
import type { BenchServer } from './server.ts';
import { summarise, timed } from './stats.ts';
import { benchWorkspace, freshSerials, requestKey } from './workspace.ts';

const OPS = 1000;

export async function benchPush(server: BenchServer, runs: number) {
	const ws = await benchWorkspace(server, 'Bench push');
	const serials = await freshSerials(server, ws.accountId, OPS * (runs + 1));
	const pushRates: number[] = [];
	const replayRates: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const clientId = crypto.randomUUID();
		const ops = serials.slice(run * OPS, (run + 1) * OPS).map((serial, i) => requestKey(ws.accountId, serial, i + 1));
		const batches = Array.from({ length: OPS / MAX_MUTATIONS_PER_PUSH }, (_, i) => ops.slice(i * MAX_MUTATIONS_PER_PUSH, (i + 1) * MAX_MUTATIONS_PER_PUSH));
		const pushMs = await timed(async () => {
			for (const batch of batches) {
				const res = await push(server.a.url, ws.token, clientId, batch);
				const notApplied = res.results.filter((r) => r.status !== 'applied');
				if (notApplied.length > 0) throw new Error(`push bench: ${notApplied.length} not applied, e.g. ${JSON.stringify(notApplied[0])}`);
			}
		});
		const replayMs = await timed(async () => {
			for (const batch of batches) await push(server.a.url, ws.token, clientId, batch);
		});
		if (run === 0) continue; // warm-up: JIT, pools, caches
		pushRates.push(OPS / (pushMs / 1000));
		replayRates.push(OPS / (replayMs / 1000));
	}
	return { push: summarise(pushRates), replay: summarise(replayRates) };
}
