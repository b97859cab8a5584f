import { describe, expect, it } from 'vitest';
import { describeHostIdProblem, normalizeHostId } from './host-id.ts';

const ok = (input: string) => {
	const r = normalizeHostId(input);
	if (!r.ok) throw new Error(`expected ${input} to be valid: ${describeHostIdProblem(r.problem)}`);
	return r.hostId;
};
const problem = (input: string) => {
	const r = normalizeHostId(input);
	if (r.ok) throw new Error(`expected ${input} to be invalid`);
	return r.problem;
};

describe('normalizeHostId', () => {
	it('writes a MAC address one way whichever separators and case were typed', () => {
		for (const typed of ['00:1a:2b:3c:4d:5e', '00-1A-2B-3C-4D-5E', ' 001a2b3c4d5e ', '001A.2B3C.4D5E', '00 1A 2B 3C 4D 5E']) {
			expect(ok(typed)).toBe('001A2B3C4D5E');
		}
	});

	it('drops separators in a grouped hex id (dongle, EUI-64)', () => {
		expect(ok('dead-beef-0042')).toBe('DEADBEEF0042');
		expect(ok('02:00:5e:10:00:00:00:01')).toBe('02005E1000000001');
	});

	it('keeps the dashes, dots and underscores of a host name', () => {
		expect(ok('srv-db-01.acme')).toBe('SRV-DB-01.ACME');
		expect(ok('edge_gw_7')).toBe('EDGE_GW_7');
		expect(ok('cafe-01')).toBe('CAFE-01');
	});

	it('names what is wrong', () => {
		expect(problem('   ')).toEqual({ reason: 'empty' });
		expect(problem('00:1A:2B:3C:4D')).toEqual({ reason: 'mac_groups', found: 5 });
		expect(problem('srv db')).toEqual({ reason: 'character', character: ' ' });
		expect(problem('host#1')).toEqual({ reason: 'character', character: '#' });
		expect(problem('x'.repeat(65))).toEqual({ reason: 'too_long', max: 64, found: 65 });
		expect(describeHostIdProblem({ reason: 'mac_groups', found: 5 })).toMatch(/6 pairs.*5/);
		expect(describeHostIdProblem({ reason: 'character', character: '#' })).toContain('"#"');
	});

	it('accepts the longest id and is idempotent', () => {
		expect(ok('A'.repeat(64))).toHaveLength(64);
		for (const typed of ['00:1a:2b:3c:4d:5e', 'srv-db-01', 'DEAD BEEF']) expect(ok(ok(typed))).toBe(ok(typed));
	});
});
