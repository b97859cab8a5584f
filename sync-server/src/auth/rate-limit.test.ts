import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, WINDOW_SECONDS } from './rate-limit.ts';

describe('Retry-After', () => {
	const now = new Date('2026-11-22T10:00:00Z');
	it('is the time until the oldest failure leaves the window', () => {
		expect(retryAfterSeconds(new Date(now.getTime() - 15_000), now)).toBe(WINDOW_SECONDS - 15);
		expect(retryAfterSeconds(now, now)).toBe(WINDOW_SECONDS);
	});
	it('is never below one second', () => {
		expect(retryAfterSeconds(new Date(now.getTime() - 120_000), now)).toBe(1);
	});
});
