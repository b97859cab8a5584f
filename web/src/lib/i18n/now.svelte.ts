/** A clock that relative times read, so "2 minutes ago" moves on its own; one timer for the whole app. */
import { createSubscriber } from 'svelte/reactivity';

const TICK_MS = 30_000;

const subscribe = createSubscriber((update) => {
	const timer = setInterval(update, TICK_MS);
	return () => clearInterval(timer);
});

export function now(): Date {
	subscribe();
	return new Date();
}
