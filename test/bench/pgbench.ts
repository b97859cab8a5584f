/**
 * `pgbench -N` (TPC-B without the branch/teller updates) on the bench's own database: the yardstick the push bar is
 * a fraction of. As many clients as the machine has cores, like the server's own pool would use under load.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { summarise } from './stats.ts';

export function pgbenchAvailable(): boolean {
	try {
		execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

export function benchPgbench(url: string, runs: number, seconds = 5) {
	const clients = String(availableParallelism());
	execFileSync('pgbench', ['-i', '-q', '-s', '10', url], { stdio: 'ignore' });
	const tps: number[] = [];
	for (let run = 0; run < runs; run++) {
		const out = execFileSync('pgbench', ['-N', '-n', '-c', clients, '-j', clients, '-T', String(seconds), url], { encoding: 'utf8' });
		const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
		if (!match) throw new Error(`pgbench output not understood:\n${out}`);
		tps.push(Number(match[1]));
	}
	return { tps: summarise(tps), clients: Number(clients) };
}
