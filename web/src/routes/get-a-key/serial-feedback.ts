/**
 * Feedback while a serial is being typed. The shared `parseCode` is the authority once every group is there;
 * before that, each group already typed in full is checked on its own (every group ends in its own check
 * character), so a typo is named the moment its group is complete, not only at the end.
 */
import { CODE_KINDS, checkCharacter, normalizeCodeText, parseCode, type CodeProblem } from '@keyfield/shared';

const GROUP = 5;
const { prefix, groups } = CODE_KINDS.serial;

export type SerialFeedback =
	| { state: 'empty' }
	| { state: 'valid'; code: string }
	| { state: 'typing'; groupsDone: number }
	| { state: 'problem'; problem: CodeProblem };

/** The groups typed so far, without the "S-" prefix when the person typed it (followed by a separator). */
function typedBody(input: string): string {
	const body = normalizeCodeText(input);
	const typedPrefix = new RegExp(`^\\s*${prefix}\\s*[-_.\\s–—]`, 'i').test(input) || body.length === groups * GROUP + 1;
	return typedPrefix && body.startsWith(prefix) ? body.slice(1) : body;
}

export function serialFeedback(input: string): SerialFeedback {
	const full = parseCode('serial', input);
	if (full.ok) return { state: 'valid', code: full.code };
	const { problem } = full;
	if (problem.reason === 'empty') return { state: 'empty' };
	if (problem.reason !== 'length') return { state: 'problem', problem };

	const body = typedBody(input);
	if (body.length > groups * GROUP) return { state: 'problem', problem };
	const complete = Math.floor(body.length / GROUP);
	for (let g = 0; g < complete; g++) {
		const group = body.slice(g * GROUP, (g + 1) * GROUP);
		if (checkCharacter('serial', g, group.slice(0, GROUP - 1)) !== group[GROUP - 1]) {
			return { state: 'problem', problem: { reason: 'check', group: g + 1 } };
		}
	}
	return { state: 'typing', groupsDone: complete };
}
