/** What to say about a typed notification id: its check problems, in words about notifications, not serials. */
import type { CodeProblem } from '@keyfield/shared';
import { m } from '$lib/paraglide/messages.js';

export function notificationProblemText(problem: CodeProblem): string {
	switch (problem.reason) {
		case 'empty':
			return m.upgrade_code_problem_empty();
		case 'wrong_kind':
			return m.upgrade_code_problem_wrong_kind({ found: problem.found, expected: problem.expected });
		case 'length':
			return m.upgrade_code_problem_length({ groups: problem.expectedGroups });
		case 'character':
			return m.upgrade_code_problem_character({ group: problem.group, character: problem.character });
		case 'check':
			return m.upgrade_code_problem_check({ group: problem.group });
	}
}
