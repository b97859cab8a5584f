/**
 * `pnpm bench`: DESIGN §8's table measured in one run on this machine, against real Postgres (DATABASE_URL) with
 * the server started here. Prints a Markdown table (measure, bar, result, pass/fail) and writes bench/results.json.
 * Rates are per run (median, slowest run); latencies are per sample (median, p95). Warm-up runs are discarded.
 *   BENCH_RUNS (default 5) — repeated runs of the throughput and initial-pull measures
 *   BENCH_SKIP_BUILD=1 — reuse web/build for the shell size
 *   BENCH_LICENSES (default 1,000,000) — licenses in the database for the incremental pull
 *   BENCH_LOAD_DEVICES (200), BENCH_LOAD_SECONDS (60) — the load run
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchLoad } from './load.bench.ts';
import { benchPgbench, pgbenchAvailable } from './pgbench.ts';
import { benchPoke } from './poke.bench.ts';
import { benchFirstSync, benchLocalOperation } from './browser.bench.ts';
import { benchIncrementalPull, benchInitialPull, LICENSES_IN_ACCOUNT, LICENSES_IN_DATABASE } from './pull.bench.ts';
import { benchPush } from './push.bench.ts';
import { BenchServer } from './server.ts';
import { benchWorkspace } from './workspace.ts';
import { shellSize } from './shell-size.ts';
import type { Summary } from './stats.ts';

type Row = { measure: string; bar: string; result: string; pass: boolean | null; data?: unknown };

const runs = Number(process.env.BENCH_RUNS ?? 5);
const root = join(import.meta.dirname, '..', '..');
const rows: Row[] = [];
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const rate = (s: Summary, unit: string) => `${Math.round(s.median).toLocaleString('en')} ${unit} median (slowest run ${Math.round(s.min).toLocaleString('en')})`;
const latency = (s: Summary) => `${ms(s.median)} median, ${ms(s.p95)} p95 (${s.runs} samples)`;
const log = (text: string) => process.stderr.write(`${text}\n`);

if (!process.env.BENCH_SKIP_BUILD) {
	log('building the web app for the shell size…');
	execFileSync('pnpm', ['--filter', '@keyfield/web', 'build'], { cwd: root, stdio: 'ignore' });
}
const shell = shellSize(join(root, 'web', 'build'));
rows.push({ measure: 'app shell: first script + CSS (gzip)', bar: '<= 150 KB', result: `${(shell.bytes / 1000).toFixed(1)} KB in ${shell.files} files`, pass: shell.bytes <= 150 * 1000, data: shell });

log('starting the server (two processes on one fresh Postgres database)…');
const server = await BenchServer.start(join(root, 'web', 'build'));
try {
	log(`push and replay: ${runs} runs of 1,000 ops…`);
	const push = await benchPush(server, runs);
	const pgbench = pgbenchAvailable() ? benchPgbench(server.url, 3) : null;
	const ratio = pgbench ? push.push.median / pgbench.tps.median : null;
	rows.push({
		measure: 'push 1,000 queued license.requestKey (fresh serials, batches of 100, one device)',
		bar: '>= 1,000 ops/s',
		result: rate(push.push, 'ops/s'),
		pass: push.push.median >= 1000,
		data: push.push
	});
	rows.push({
		measure: `… as a share of pgbench -N tps on the same database (${pgbench ? `${pgbench.clients} clients: ${Math.round(pgbench.tps.median).toLocaleString('en')} tps median` : 'pgbench not installed'})`,
		bar: '>= 30 %',
		result: ratio === null ? 'not measured' : `${(ratio * 100).toFixed(1)} %`,
		pass: ratio === null ? null : ratio >= 0.3,
		data: pgbench
	});
	rows.push({ measure: 'replay of the same 1,000 (all duplicates)', bar: '>= 5,000 ops/s', result: rate(push.replay, 'ops/s'), pass: push.replay.median >= 5000, data: push.replay });

	log('initial pull of 10,000 licenses…');
	const initial = await benchInitialPull(server, runs);
	rows.push({
		measure: 'initial pull of an account with 10,000 licenses (server, every page, over loopback)',
		bar: '<= 300 ms',
		result: latency(initial.initialPull),
		pass: initial.initialPull.median <= 300,
		data: initial.initialPull
	});
	log('first sync of 10,000 licenses in Chromium…');
	const firstSync = await benchFirstSync(server, initial.workspace.email, LICENSES_IN_ACCOUNT, Math.min(runs, 3));
	rows.push({ measure: '… in Chromium: sign in → pull + Dexie apply of all 10,000 (app installed)', bar: '<= 2.5 s', result: latency(firstSync), pass: firstSync.median <= 2500, data: firstSync });
	const racing = await benchFirstSync(server, initial.workspace.email, LICENSES_IN_ACCOUNT, Math.min(runs, 3), { duringInstall: true });
	rows.push({ measure: '… the same, signing in while the service worker still precaches the app', bar: '(for information)', result: latency(racing), pass: null, data: racing });

	log('local operations in Chromium…');
	const local = await benchLocalOperation(server, await benchWorkspace(server, 'Bench local'), 20);
	rows.push({ measure: 'local operation in Chromium: "Get a key" confirmed offline → outbox + meta written', bar: '<= 10 ms p95', result: latency(local.enqueue), pass: local.enqueue.p95 <= 10, data: local.enqueue });
	rows.push({ measure: '… and the UI updated (click → "Queued" on screen)', bar: '<= 50 ms p95', result: latency(local.ui), pass: local.ui.p95 <= 50, data: local.ui });

	log('poke across processes…');
	const poke = await benchPoke(server, 20);
	rows.push({
		measure: 'scale-out: write through process a → poke on process b → the other device has the row',
		bar: '<= 250 ms',
		result: `${latency(poke.visible)}; poke alone ${ms(poke.poke.median)} median`,
		pass: poke.visible.p95 <= 250,
		data: poke
	});

	log(`seeding ${LICENSES_IN_DATABASE.toLocaleString('en')} licenses for the incremental pull…`);
	const incremental = await benchIncrementalPull(server, initial.workspace, 50);
	rows.push({
		measure: `incremental pull of 100 changes with ${LICENSES_IN_DATABASE.toLocaleString('en')} licenses in the database`,
		bar: '<= 20 ms p95',
		result: latency(incremental),
		pass: incremental.p95 <= 20,
		data: incremental
	});
} finally {
	await server.close();
}

const loadDevices = Number(process.env.BENCH_LOAD_DEVICES ?? 200);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
log(`load: ${loadDevices} devices for ${loadSeconds} s against a server process…`);
const load = await benchLoad(loadDevices, loadSeconds);
const mb = (bytes: number | null) => (bytes === null ? '?' : `${Math.round(bytes / 1024 / 1024)} MB`);
const { memory } = load;
const grewBy = memory.warm !== null && memory.end !== null ? memory.end - memory.warm : null;
rows.push({
	measure: `load: ${loadDevices} devices (push + pull + event stream each) for ${loadSeconds} s, one server process`,
	bar: '0 errors; memory flat once warm (< 50 MB growth)',
	result: `${load.requests.toLocaleString('en')} requests, ${load.errors} errors; p50 ${ms(load.latency.median)}, p99 ${ms(load.latency.p99)}; server memory ${mb(memory.idle)} idle, ${mb(memory.warm)} warm (at ${memory.warmAtSeconds} s), ${mb(memory.end)} at the end (peak ${mb(memory.peak)})`,
	pass: load.errors === 0 && grewBy !== null && grewBy < 50 * 1024 * 1024,
	data: load
});

const verdict = (pass: boolean | null) => (pass === null ? '—' : pass ? 'pass' : '**FAIL**');
const table = [
	`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}.`,
	'',
	'| measure | bar | result | |',
	'|---|---|---|---|',
	...rows.map((r) => `| ${r.measure} | ${r.bar} | ${r.result} | ${verdict(r.pass)} |`)
].join('\n');
writeFileSync(join(import.meta.dirname, 'results.json'), JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, node: process.version, rows }, null, 2));
console.log(table);
