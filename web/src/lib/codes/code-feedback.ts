/**
 * Feedback while a serial is being typed. The shared `parseCode` is the authority once every group is there;
 * before that, each group already typed in full is checked on its own (every group ends in its own check
 * character), so a typo is named the moment its group is complete, not only at the end.
 */
import { checkTypedGroups, parseCode, type CodeKind, type CodeProblem } from '@keyfield/shared';

export type SerialFeedback =
	| { state: 'empty' }
	| { state: 'valid'; code: string }
	| { state: 'typing'; groupsDone: number }
	| { state: 'problem'; problem: CodeProblem };

export function serialFeedback(input: string): SerialFeedback {
	return codeFeedback('serial', input);
}

/** The same feedback for any kind of code (a version upgrade's notification id too). */
export function codeFeedback(kind: CodeKind, input: string): SerialFeedback {
	const full = parseCode(kind, input);
	if (full.ok) return { state: 'valid', code: full.code };
	const { problem } = full;
	if (problem.reason === 'empty') return { state: 'empty' };
	if (problem.reason !== 'length') return { state: 'problem', problem };
	const typed = checkTypedGroups(kind, input);
	return typed.problem ? { state: 'problem', problem: typed.problem } : { state: 'typing', groupsDone: typed.groupsDone };
}
