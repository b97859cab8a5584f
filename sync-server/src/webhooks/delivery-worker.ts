/**
 * Sends pending webhook deliveries: POST the event as JSON, signed (signature.ts), to the endpoint's URL; a 2xx is
 * delivered, anything else (status, refused connection, timeout) is retried with exponential backoff until
 * `maxAttempts`, and every attempt goes to the delivery log. Each server process runs one; they share the work
 * through the table (claimDue), so nothing is lost when a process stops or dies: pending rows resume at start.
 */
import type { Kysely } from 'kysely';
import { claimDue, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../db/webhooks.repository.ts';
import type { Database } from '../db/schema.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

export type WorkerOptions = {
	pollMs?: number;
	batchSize?: number;
	maxAttempts?: number;
	/** The wait after the first failure; it doubles per attempt up to `backoffCapMs` (±20% so retries spread). */
	backoffBaseMs?: number;
	backoffCapMs?: number;
	timeoutMs?: number;
};

const defaults: Required<WorkerOptions> = { pollMs: 1000, batchSize: 20, maxAttempts: 8, backoffBaseMs: 30_000, backoffCapMs: 60 * 60_000, timeoutMs: 10_000 };

export function backoffMs(attempt: number, base: number, cap: number, random = Math.random()): number {
	return Math.round(Math.min(base * 2 ** (attempt - 1), cap) * (0.8 + 0.4 * random));
}

export function deliveryBody(d: Pick<ClaimedDelivery, 'event_id' | 'type' | 'account_id' | 'data' | 'created_at'>): string {
	return JSON.stringify({ id: d.event_id, type: d.type, createdAt: new Date(d.created_at).toISOString(), accountId: d.account_id, data: d.data });
}

/** Why an attempt failed, in words for the log; never the request (it holds the signature). */
function failure(err: unknown): string {
	if (err instanceof Error && err.name === 'TimeoutError') return 'timed out';
	const cause = (err as { cause?: { code?: string; message?: string } }).cause;
	return (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))).slice(0, 300);
}

export class DeliveryWorker {
	readonly #options: Required<WorkerOptions>;
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<void> | null = null;
	#stopped = true;

	constructor(
		private readonly db: Kysely<Database>,
		options: WorkerOptions = {}
	) {
		this.#options = { ...defaults, ...options };
	}

	start(): this {
		this.#stopped = false;
		this.#schedule(0);
		return this;
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		await this.#running;
	}

	#schedule(ms: number): void {
		if (this.#stopped) return;
		this.#timer = setTimeout(() => {
			this.#running = this.tick()
				.catch((err) => console.error('webhook delivery:', err instanceof Error ? err.message : err))
				.then((claimed) => this.#schedule(claimed === this.#options.batchSize ? 0 : this.#options.pollMs));
		}, ms);
		this.#timer.unref();
	}

	/** One round: claims what is due and attempts each once, in parallel; returns how many it claimed. */
	async tick(): Promise<number> {
		const { batchSize, timeoutMs } = this.#options;
		const claimed = await claimDue(this.db, batchSize, Math.ceil(timeoutMs / 1000) + 30);
		await Promise.all(claimed.map((d) => this.#attempt(d)));
		return claimed.length;
	}

	async #attempt(d: ClaimedDelivery): Promise<void> {
		const body = deliveryBody(d);
		const started = performance.now();
		let outcome: AttemptOutcome;
		try {
			const res = await fetch(d.url, {
				method: 'POST',
				body,
				redirect: 'manual', // a redirect is not a delivery: the receiver must answer at the registered URL
				signal: AbortSignal.timeout(this.#options.timeoutMs),
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Keyfield-Webhooks/1',
					[SIGNATURE_HEADER]: signatureHeader(d.secret, body),
					'Keyfield-Event': d.type,
					'Keyfield-Event-Id': d.event_id,
					'Keyfield-Delivery': d.id,
					'Keyfield-Attempt': String(d.attempt)
				}
			});
			await res.body?.cancel().catch(() => {});
			const ok = res.status >= 200 && res.status < 300;
			outcome = { ok, durationMs: performance.now() - started, responseStatus: res.status, error: ok ? null : `HTTP ${res.status}` };
		} catch (err) {
			outcome = { ok: false, durationMs: performance.now() - started, responseStatus: null, error: failure(err) };
		}
		const { maxAttempts, backoffBaseMs, backoffCapMs } = this.#options;
		const retryInMs = outcome.ok || d.attempt >= maxAttempts ? null : backoffMs(d.attempt, backoffBaseMs, backoffCapMs);
		await recordAttempt(this.db, d, outcome, retryInMs);
	}
}
