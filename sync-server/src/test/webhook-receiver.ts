/**
 * A real webhook receiver on loopback for tests: node:http, records every request (headers and raw body) and
 * answers with the status `respond` gives (503 while "down"). `close()` and `listen(port)` take it off the
 * network and back, for a closed port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { headers: IncomingHttpHeaders; body: string; at: number };

export class WebhookReceiver {
	readonly received: Received[] = [];
	respond: (request: Received) => number = () => 200;
	#server: Server | null = null;
	port = 0;

	static async start(port = 0): Promise<WebhookReceiver> {
		const receiver = new WebhookReceiver();
		await receiver.listen(port);
		return receiver;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}/hooks/keyfield`;
	}

	listen(port = this.port): Promise<void> {
		const server = createServer((req, res) => {
			let body = '';
			req.setEncoding('utf8');
			req.on('data', (chunk: string) => (body += chunk));
			req.on('end', () => {
				const request = { headers: req.headers, body, at: Date.now() };
				this.received.push(request);
				res.writeHead(this.respond(request)).end();
			});
		});
		this.#server = server;
		return new Promise((resolve) => server.listen(port, '127.0.0.1', () => ((this.port = (server.address() as AddressInfo).port), resolve())));
	}

	close(): Promise<void> {
		const server = this.#server;
		this.#server = null;
		if (!server) return Promise.resolve();
		server.closeAllConnections();
		return new Promise((resolve) => server.close(() => resolve()));
	}

	/** Waits (polling, bounded) until `count` requests matching `where` arrived; returns them. */
	async waitFor(count: number, where: (r: Received) => boolean = () => true, timeoutMs = 10_000): Promise<Received[]> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const matching = this.received.filter(where);
			if (matching.length >= count) return matching;
			if (Date.now() > until) throw new Error(`webhook receiver: ${matching.length} of ${count} requests after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}
