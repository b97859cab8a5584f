/** A device talking to the server over real HTTP, as the app does (bearer token = the session cookie's value). */
import { PROTOCOL_VERSION, SCHEMA_VERSION, type PullResponse, type PushResponse } from '@keyfield/shared';

async function post<T>(base: string, path: string, token: string, body: unknown): Promise<T> {
	const res = await fetch(base + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

export function push(base: string, token: string, clientId: string, mutations: unknown[]): Promise<PushResponse> {
	return post(base, '/api/sync/push', token, { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, mutations });
}

export function pull(base: string, token: string, clientId: string, cursor: string | null): Promise<PullResponse> {
	return post(base, '/api/sync/pull', token, { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId, cursor });
}

/** Pages until hasMore is false; returns the final cursor and how many changes arrived. */
export async function pullAll(base: string, token: string, clientId: string, cursor: string | null) {
	let changes = 0;
	for (;;) {
		const page = await pull(base, token, clientId, cursor);
		changes += page.changes.length;
		cursor = page.cursor;
		if (!page.hasMore) return { cursor, changes };
	}
}

/** Resolves at the first `poke` event on the SSE stream; `ready` resolves once the stream is open. */
export function awaitPoke(base: string, token: string) {
	const controller = new AbortController();
	let opened!: () => void;
	const ready = new Promise<void>((resolve) => (opened = resolve));
	const poked = (async () => {
		const res = await fetch(`${base}/api/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
		if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
		opened();
		const decoder = new TextDecoder();
		let text = '';
		for await (const chunk of res.body) {
			text += decoder.decode(chunk as Uint8Array, { stream: true });
			if (/event: poke/.test(text)) return performance.now();
		}
		throw new Error('event stream ended without a poke');
	})();
	return { ready, poked, close: () => controller.abort() };
}
