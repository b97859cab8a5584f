/**
 * A TCP proxy between the sync server and Postgres that a test can take down and bring back: down, every open
 * connection is cut and new ones are refused — what the server sees while Postgres restarts.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
	#server: Server | null = null;
	readonly #sockets = new Set<Socket>();

	private constructor(
		readonly port: number,
		readonly target: { host: string; port: number }
	) {}

	static async start(target: { host: string; port: number }): Promise<TcpProxy> {
		const probe = new TcpProxy(0, target);
		await probe.up();
		const proxy = new TcpProxy((probe.#server!.address() as { port: number }).port, target);
		await probe.down();
		await proxy.up();
		return proxy;
	}

	up(): Promise<void> {
		return new Promise((resolve, reject) => {
			const server = createServer((client) => {
				const upstream = connect(this.target.port, this.target.host);
				for (const s of [client, upstream]) {
					this.#sockets.add(s);
					s.on('close', () => this.#sockets.delete(s));
					s.on('error', () => {
						client.destroy();
						upstream.destroy();
					});
				}
				client.pipe(upstream).pipe(client);
			});
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
			this.#server = server;
		});
	}

	async down(): Promise<void> {
		const server = this.#server;
		this.#server = null;
		for (const socket of this.#sockets) socket.destroy();
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
