import { describe, expect, it } from 'vitest';
import { PokeStream, type EventSourceFactory } from './poke-stream.ts';

/** A stand-in EventSource whose events the test fires: the browser's own is not in Node. */
class FakeSource extends EventTarget {
	readyState = 0;
	close() {
		this.readyState = 2;
	}
}

function stream() {
	const sources: FakeSource[] = [];
	let syncs = 0;
	const create: EventSourceFactory = () => {
		const source = new FakeSource();
		sources.push(source);
		return source as unknown as ReturnType<EventSourceFactory>;
	};
	const pokes = new PokeStream(create, () => syncs++);
	return { pokes, sources, syncs: () => syncs };
}

describe('the poke stream', () => {
	it('asks for a sync on each poke, and each time it (re)connects: what changed while it was down was poked to nobody', () => {
		const { pokes, sources, syncs } = stream();
		pokes.open();
		sources[0]!.dispatchEvent(new Event('open'));
		expect(syncs()).toBe(1);
		sources[0]!.dispatchEvent(new Event('poke'));
		expect(syncs()).toBe(2);
		// The browser reconnects by itself after a network error: connected again, it catches up.
		sources[0]!.dispatchEvent(new Event('error'));
		sources[0]!.dispatchEvent(new Event('open'));
		expect(syncs()).toBe(3);
		// Back online: a fresh stream, and a sync once it is connected.
		pokes.reopen();
		expect(sources).toHaveLength(2);
		expect(sources[0]!.readyState).toBe(2);
		sources[1]!.dispatchEvent(new Event('open'));
		expect(syncs()).toBe(4);
	});

	it('opens one stream however often it is asked, and a new one only once the last was closed', () => {
		const { pokes, sources } = stream();
		pokes.open();
		pokes.open();
		expect(sources).toHaveLength(1);
		sources[0]!.close(); // an HTTP error: EventSource gives up
		pokes.open();
		expect(sources).toHaveLength(2);
	});
});
