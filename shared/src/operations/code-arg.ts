/** A typed or scanned code as an operation arg: normalised and checked, its problem kept for a precise rejection. */
import { z } from 'zod';
import { parseCode, type CodeKind } from '../codes.ts';

export function codeArg(kind: CodeKind) {
	return z
		.string()
		.max(64)
		.transform((s, ctx) => {
			const parsed = parseCode(kind, s);
			if (!parsed.ok) {
				ctx.addIssue({ code: 'custom', message: `not a valid ${kind} code`, params: { problem: parsed.problem } });
				return z.NEVER;
			}
			return parsed.code;
		});
}
