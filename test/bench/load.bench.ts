/**
 * Load: N simulated devices (each its own user session and client id, its event stream open) against one server
 * process on loopback for a while, each repeating what a phone does — queue a "Get a key", push, pull — with a
 * pause between rounds. Reports requests, errors, p50/p99 latency, and the server's resident memory sampled every
 * second: idle before the devices connect, once warm (a quarter into the run: every device connected, its stream open,
 * a few rounds done), and at the end. "Flat" is judged from warm to end: connecting 200 devices costs sockets,
 * streams and pool connections once, a leak grows with every round after that.
 */
import { awaitPoke, pull, push } from './api.ts';
import { ServerProcess } from '../integration/support/server-process.ts';
import { summarise } from './stats.ts';
import { registration } from './workspace.ts';

export async function benchLoad(devices: number, seconds: number) {
	const server = await ServerProcess.start();
	try {
		// Ten devices per customer account, as a field team would be: writes to one account queue on its version
		// counter (DESIGN §4), writes to different accounts do not.
		const rounds = Math.ceil(seconds / 0.5) + 2;
		const teams: { accountId: string; email: string; token: string; serials: string[] }[] = [];
		// One after another: parallel sign-ins from one address are what the login limit is there to stop.
		for (let t = 0; t < Math.ceil(devices / 10); t++) {
			const ws = await server.workspace('technician');
			const serials: string[] = []; // a fresh serial for every round of each of the team's ten devices
			while (serials.length < 10 * rounds) serials.push(...(await server.freeSerials(ws.accountId, Math.min(1000, 10 * rounds - serials.length))));
			teams.push({ ...ws, token: await server.login(ws.email), serials });
		}
		const latencies: number[] = [];
		const failures = new Map<string, number>();
		const failed = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);
		const timed = async <T>(call: () => Promise<T>) => {
			const start = performance.now();
			try {
				return await call();
			} catch (err) {
				failed(String(err).slice(0, 80));
				return null;
			} finally {
				latencies.push(performance.now() - start);
			}
		};
		const memoryIdle = server.residentBytes();
		const started = performance.now();
		const until = started + seconds * 1000;
		const memory: { at: number; bytes: number | null }[] = [];
		const sampler = setInterval(() => memory.push({ at: (performance.now() - started) / 1000, bytes: server.residentBytes() }), 1000);
		await Promise.all(
			Array.from({ length: devices }, async (_, d) => {
				const { accountId, token, serials } = teams[Math.floor(d / 10)]!;
				const clientId = crypto.randomUUID();
				const stream = awaitPoke(server.url, token);
				stream.poked.catch(() => {}); // the stream is load, not a measure here
				let cursor: string | null = null;
				for (let round = 0; performance.now() < until; round++) {
					const serial = serials[(d % 10) * rounds + round]!;
					const mutation = { id: round + 1, name: 'license.requestKey', createdAt: new Date().toISOString(), args: { licenseId: crypto.randomUUID(), accountId, serial, registration } };
					const pushed = await timed(() => push(server.url, token, clientId, [mutation]));
					if (pushed && pushed.results[0]?.status !== 'applied') failed(`rejected ${pushed.results[0]?.code}`);
					const page = await timed(() => pull(server.url, token, clientId, cursor));
					if (page) cursor = page.cursor;
					await new Promise((r) => setTimeout(r, 500 + Math.random() * 1500));
				}
				stream.close();
			})
		);
		clearInterval(sampler);
		const errors = [...failures.values()].reduce((a, b) => a + b, 0);
		const warm = memory.find((m) => m.at >= seconds / 4)?.bytes ?? null;
		const peak = Math.max(...memory.map((m) => m.bytes ?? 0));
		const end = server.residentBytes();
		return {
			devices,
			seconds,
			requests: latencies.length,
			errors,
			failures: Object.fromEntries(failures),
			latency: summarise(latencies),
			memory: { idle: memoryIdle, warm, warmAtSeconds: seconds / 4, end, peak, samples: memory }
		};
	} finally {
		await server.close();
	}
}
