import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range.ts';

describe('parseRange', () => {
	it('reads the forms a resuming client sends', () => {
		expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
		expect(parseRange('bytes=500-', 1000)).toEqual({ kind: 'partial', range: { start: 500, end: 999 } });
		expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
		expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
		expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
	});
	it('answers the whole file for no range, several ranges, another unit or a stale If-Range', () => {
		for (const header of [undefined, 'bytes=0-1,5-9', 'items=0-1', 'bytes=-', 'garbage']) expect(parseRange(header, 1000)).toEqual({ kind: 'full' });
		expect(parseRange('bytes=0-9', 1000, '"old"', '"new"')).toEqual({ kind: 'full' });
		expect(parseRange('bytes=0-9', 1000, '"new"', '"new"')).toMatchObject({ kind: 'partial' });
	});
	it('refuses ranges outside the file', () => {
		for (const header of ['bytes=1000-', 'bytes=5-2', 'bytes=-0']) expect(parseRange(header, 1000)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
	});
	it('any satisfiable range starts where asked and lies within the file', () => {
		const points = [0, 1, 2, 7, 8, 9, 10, 11, 50];
		for (const size of points) {
			for (const a of points) {
				for (const b of [...points, null]) {
					const answer = parseRange(`bytes=${a}-${b ?? ''}`, size);
					const satisfiable = a < size && (b === null || b >= a);
					expect(answer.kind).toBe(satisfiable ? 'partial' : 'unsatisfiable');
					if (answer.kind === 'partial') expect([answer.range.start, answer.range.end]).toEqual([a, Math.min(b ?? size - 1, size - 1)]);
				}
			}
		}
	});
});
