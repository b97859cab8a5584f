import { makeCode } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { serialFeedback } from './code-feedback.ts';

const serial = makeCode('serial', new Uint8Array(16).map((_, i) => i * 7));

/** The serial with one data character of the given group (1-based) changed. */
function typo(code: string, group: number): string {
	const at = 2 + (group - 1) * 6;
	return code.slice(0, at) + (code[at] === '7' ? '8' : '7') + code.slice(at + 1);
}

describe('serialFeedback', () => {
	it('accepts a whole serial typed any way and gives it back as printed', () => {
		expect(serialFeedback(serial.toLowerCase().replace(/-/g, ' '))).toEqual({ state: 'valid', code: serial });
	});

	it('names a wrong group as soon as that group is complete, before the rest is typed', () => {
		const firstTwoGroups = typo(serial, 2).slice(0, 13); // "S-XXXXX-XXXXX"
		expect(serialFeedback(firstTwoGroups)).toEqual({ state: 'problem', problem: { reason: 'check', group: 2 } });
	});

	it('counts complete groups while they check out', () => {
		expect(serialFeedback(serial.slice(0, 15))).toEqual({ state: 'typing', groupsDone: 2 });
		expect(serialFeedback(serial.slice(2, 14).replace(/-/g, ''))).toEqual({ state: 'typing', groupsDone: 2 });
	});

	it('names the group of a full-length typo and of a character serials never use', () => {
		expect(serialFeedback(typo(serial, 3))).toEqual({ state: 'problem', problem: { reason: 'check', group: 3 } });
		expect(serialFeedback(`${serial.slice(0, 9)}!`)).toMatchObject({ state: 'problem', problem: { reason: 'character', group: 2 } });
	});

	it('says nothing for an empty field', () => {
		expect(serialFeedback('  ')).toEqual({ state: 'empty' });
	});
});
