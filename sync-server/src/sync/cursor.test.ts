import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('pull cursor', () => {
	it('round-trips a cursor id and stays tiny', () => {
		const id = crypto.randomUUID();
		const cursor = encodeCursor(id);
		expect(decodeCursor(cursor)).toBe(id);
		expect(cursor.length).toBeLessThan(50);
	});

	it.each(['', 'v1.', 'v2.' + '0'.repeat(36), 'v1.not-a-uuid', `v1.${'A'.repeat(36)}`, 'x'.repeat(500)])('rejects %j as bad_request', (bad) => {
		expect(() => decodeCursor(bad)).toThrow(AppError);
		try {
			decodeCursor(bad);
		} catch (err) {
			expect((err as AppError).status).toBe(400);
			expect((err as AppError).code).toBe('bad_request');
		}
	});
});
